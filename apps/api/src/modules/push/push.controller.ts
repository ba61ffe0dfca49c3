import { Body, Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Caller } from '../../infra/http/caller';
import { Authenticated, CurrentCaller } from '../../infra/http/access.decorators';
import { IdParam } from '../../infra/http/id-param.pipe';
import {
  CreatePushSubscriptionDto,
  PushPublicKeyDto,
  PushSettingsDto,
  PushSubscriptionDto,
  UpdatePushSettingsDto,
  UpdatePushSubscriptionDto,
} from './dto/push.dto';
import { PushService } from './push.service';

const REFUSED =
  'The subscription is not saved. `validation.failed` for a missing, non-string or unknown field; naming ' +
  '`endpoint`: `push.bad_endpoint` (not an absolute URL, or with a user name or password), ' +
  '`push.bad_endpoint_scheme` (not https), `push.private_address` (loopback, private, link-local, metadata ' +
  'or reserved addresses); naming `keys.p256dh` or `keys.auth`: `push.bad_key_encoding` (not base64url), ' +
  '`push.bad_key_length` (p256dh: not a 65-byte uncompressed P-256 point; auth: not 16 bytes).';
const NOT_FOUND = 'No such subscription of the caller (another member’s is not found either).';
const OFF = 'This server has no VAPID keys (code `push.not_configured`).';

@ApiTags('push')
@Authenticated()
@Controller()
export class PushController {
  constructor(private readonly push: PushService) {}

  @Get('push/public-key')
  @ApiOperation({
    summary: 'The key browsers subscribe with (VAPID)',
    description: 'Roles: any signed-in member.',
  })
  @ApiOkResponse({ type: PushPublicKeyDto })
  @ApiServiceUnavailableResponse({ description: OFF })
  publicKey(): PushPublicKeyDto {
    return this.push.publicKey();
  }

  @Get('me/push-subscriptions')
  @ApiOperation({
    summary: 'The member’s devices with push',
    description:
      'Roles: any signed-in member. A device’s subscription lasts as long as the session that turned it on: ' +
      'signing out of that device (or the session ending otherwise) removes it.',
  })
  @ApiOkResponse({ type: PushSubscriptionDto, isArray: true })
  list(@CurrentCaller() caller: Caller): Promise<PushSubscriptionDto[]> {
    return this.push.list(caller);
  }

  @Post('me/push-subscriptions')
  @ApiOperation({
    summary: 'Turn push on for this device',
    description:
      'Roles: any signed-in member. The body is the browser’s `PushSubscription.toJSON()`. The same endpoint ' +
      'again takes the new keys and this session, and is switched on.',
  })
  @ApiBody({ type: CreatePushSubscriptionDto })
  @ApiCreatedResponse({ type: PushSubscriptionDto })
  @ApiBadRequestResponse({ description: REFUSED })
  @ApiServiceUnavailableResponse({ description: OFF })
  subscribe(
    @CurrentCaller() caller: Caller,
    @Body() body: CreatePushSubscriptionDto,
  ): Promise<PushSubscriptionDto> {
    return this.push.subscribe(caller, body);
  }

  @Patch('me/push-subscriptions/:subscriptionId')
  @ApiOperation({
    summary: 'Switch push on or off for one device',
    description: 'Roles: any signed-in member.',
  })
  @ApiParam({ name: 'subscriptionId', format: 'uuid' })
  @ApiBody({ type: UpdatePushSubscriptionDto })
  @ApiOkResponse({ type: PushSubscriptionDto })
  @ApiBadRequestResponse({ description: 'A malformed id or body (code `validation.failed`).' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  update(
    @CurrentCaller() caller: Caller,
    @IdParam('subscriptionId') subscriptionId: string,
    @Body() body: UpdatePushSubscriptionDto,
  ): Promise<PushSubscriptionDto> {
    return this.push.setEnabled(caller, subscriptionId, body.enabled);
  }

  @Delete('me/push-subscriptions/:subscriptionId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Forget a device', description: 'Roles: any signed-in member.' })
  @ApiParam({ name: 'subscriptionId', format: 'uuid' })
  @ApiNoContentResponse({ description: 'Removed.' })
  @ApiBadRequestResponse({ description: 'A malformed id (code `validation.failed`).' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  remove(@CurrentCaller() caller: Caller, @IdParam('subscriptionId') subscriptionId: string): Promise<void> {
    return this.push.remove(caller, subscriptionId);
  }

  @Get('me/push-settings')
  @ApiOperation({
    summary: 'The member’s time zone and quiet hours for push',
    description: 'Roles: any signed-in member.',
  })
  @ApiOkResponse({ type: PushSettingsDto })
  settings(@CurrentCaller() caller: Caller): Promise<PushSettingsDto> {
    return this.push.settings(caller);
  }

  @Patch('me/push-settings')
  @ApiOperation({
    summary: 'Change the member’s time zone or quiet hours',
    description:
      'Roles: any signed-in member. During quiet hours (local `quietHoursStart` to `quietHoursEnd`, across ' +
      'midnight when the start is later) push messages wait and go out when they end.',
  })
  @ApiBody({ type: UpdatePushSettingsDto })
  @ApiOkResponse({ type: PushSettingsDto })
  @ApiBadRequestResponse({ description: 'Not an IANA time zone, or not `HH:MM` (code `validation.failed`).' })
  updateSettings(
    @CurrentCaller() caller: Caller,
    @Body() body: UpdatePushSettingsDto,
  ): Promise<PushSettingsDto> {
    return this.push.updateSettings(caller, body);
  }
}
