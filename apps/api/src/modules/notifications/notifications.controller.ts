import { Body, Controller, Get, Header, HttpCode, Patch, Post, Query, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { IdParam } from '../../infra/http/id-param.pipe';
import { AcceptsBody, AllowCrossSite } from '../../infra/http/same-origin.guard';
import type { Page } from '../../infra/database/keyset';
import type { Caller } from '../../infra/http/caller';
import { Authenticated, CurrentCaller, Public, Roles } from '../../infra/http/access.decorators';
import { DeliveriesService } from './deliveries.service';
import {
  type DeliveryDto,
  DeliveryPageDto,
  ListDeliveriesQueryDto,
  NotificationPreferencesDto,
  OutboxMessageDto,
  UnsubscribePreviewDto,
  UnsubscribeQueryDto,
  UpdateNotificationPreferencesDto,
} from './dto/notifications.dto';
import { PreferencesService } from './preferences.service';

const BAD_TOKEN =
  'The token was altered or cut (code `unsubscribe.invalid_token`) or has expired (code ' +
  '`unsubscribe.expired_token`); nothing changes.';

@ApiTags('notifications')
@Authenticated()
@Controller('me/notification-preferences')
export class NotificationPreferencesController {
  constructor(private readonly preferences: PreferencesService) {}

  @Get()
  @ApiOperation({
    summary: 'What the member receives by e-mail',
    description: 'Roles: any signed-in member.',
  })
  @ApiOkResponse({ type: NotificationPreferencesDto })
  get(@CurrentCaller() caller: Caller): Promise<NotificationPreferencesDto> {
    return this.preferences.get(caller.organisationId, caller.memberId);
  }

  @Patch()
  @ApiOperation({
    summary: 'Change what the member receives by e-mail',
    description: 'Roles: any signed-in member. Fields left out keep their value.',
  })
  @ApiOkResponse({ type: NotificationPreferencesDto })
  @ApiBadRequestResponse({
    description: 'An unknown `packAlerts` or a non-boolean (code `validation.failed`).',
  })
  update(
    @CurrentCaller() caller: Caller,
    @Body() body: UpdateNotificationPreferencesDto,
  ): Promise<NotificationPreferencesDto> {
    return this.preferences.update(caller, body);
  }
}

@ApiTags('notifications')
@Public()
@Controller('unsubscribe')
export class UnsubscribeController {
  constructor(private readonly preferences: PreferencesService) {}

  @Get()
  @ApiOperation({
    summary: 'What an unsubscribe link would turn off',
    description: 'Public. Changes nothing: mail scanners open links too. The page then asks to confirm.',
  })
  @ApiOkResponse({ type: UnsubscribePreviewDto })
  @ApiBadRequestResponse({ description: BAD_TOKEN })
  preview(@Query() query: UnsubscribeQueryDto): Promise<UnsubscribePreviewDto> {
    return this.preferences.preview(query.token);
  }

  @Post()
  @HttpCode(200)
  // RFC 8058: the mail client (another site) posts `List-Unsubscribe=One-Click` as a form; the token
  // in the address is what authorises it, and the body is not read.
  @AllowCrossSite('RFC 8058 one-click unsubscribe')
  @AcceptsBody('application/x-www-form-urlencoded', 'multipart/form-data')
  @ApiBody({
    required: false,
    description: 'What RFC 8058 has mail clients send; not read.',
    schema: { type: 'object', properties: { 'List-Unsubscribe': { type: 'string', enum: ['One-Click'] } } },
  })
  @ApiOperation({
    summary: 'Unsubscribe in one click (RFC 8058)',
    description:
      'Public. Turns off what the link is for (one kind of e-mail, or all for an invitation). Mail clients POST ' +
      'here from the `List-Unsubscribe` header, from their own origin, with the form `List-Unsubscribe=One-Click` ' +
      '(read from no field: the token decides); the unsubscribe page does too. Repeating it changes nothing more.',
  })
  @ApiOkResponse({ type: UnsubscribePreviewDto })
  @ApiBadRequestResponse({ description: BAD_TOKEN })
  unsubscribe(@Query() query: UnsubscribeQueryDto): Promise<UnsubscribePreviewDto> {
    return this.preferences.unsubscribe(query.token);
  }
}

@ApiTags('notifications')
@Authenticated()
@Roles('admin')
@Controller('notifications/deliveries')
export class DeliveriesController {
  constructor(private readonly deliveries: DeliveriesService) {}

  @Get()
  @ApiOperation({
    summary: 'The e-mail delivery log, newest first',
    description:
      'Roles: admin. Each message with its status (queued, sending, retrying, sent, failed) and last error.',
  })
  @ApiOkResponse({ type: DeliveryPageDto })
  @ApiBadRequestResponse({ description: 'An unknown `status`, a malformed `limit` or `cursor`.' })
  list(@CurrentCaller() caller: Caller, @Query() query: ListDeliveriesQueryDto): Promise<Page<DeliveryDto>> {
    return this.deliveries.list(caller.organisationId, query);
  }

  @Get(':deliveryId/preview')
  @ApiOperation({
    summary: 'A message from the local outbox: subject, addresses and both parts',
    description: 'Roles: admin. Only when no SMTP server is configured and the message was written.',
  })
  @ApiParam({ name: 'deliveryId', format: 'uuid' })
  @ApiOkResponse({ type: OutboxMessageDto })
  @ApiNotFoundResponse({
    description: 'No such message in the outbox (code `notification.message_not_found`).',
  })
  preview(
    @CurrentCaller() caller: Caller,
    @IdParam('deliveryId') deliveryId: string,
  ): Promise<OutboxMessageDto> {
    return this.deliveries.preview(caller.organisationId, deliveryId);
  }

  @Get(':deliveryId/message')
  @Header('Content-Type', 'message/rfc822')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'A message from the local outbox, as an .eml file',
    description: 'Roles: admin. Only when no SMTP server is configured and the message was written.',
  })
  @ApiParam({ name: 'deliveryId', format: 'uuid' })
  @ApiProduces('message/rfc822')
  @ApiOkResponse({ description: 'The raw message.' })
  @ApiNotFoundResponse({
    description: 'No such message in the outbox (code `notification.message_not_found`).',
  })
  async message(
    @CurrentCaller() caller: Caller,
    @IdParam('deliveryId') deliveryId: string,
  ): Promise<StreamableFile> {
    const raw = await this.deliveries.message(caller.organisationId, deliveryId);
    return new StreamableFile(raw, { disposition: `attachment; filename="${deliveryId}.eml"` });
  }
}
