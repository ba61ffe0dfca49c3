import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { Page } from '../../infra/database/keyset';
import { Authenticated, CurrentCaller, Roles } from '../../infra/http/access.decorators';
import type { Caller } from '../../infra/http/caller';
import { IdParam } from '../../infra/http/id-param.pipe';
import { PageQueryDto } from '../../infra/http/keyset-page';
import { WEBHOOK_PAYLOAD_SCHEMAS } from './dto/webhook-payloads.dto';
import {
  CreateWebhookDto,
  ListWebhookDeliveriesQueryDto,
  RotateWebhookSecretDto,
  UpdateWebhookDto,
  WebhookDeliveryDto,
  WebhookDeliveryListDto,
  WebhookEndpointDto,
  WebhookEndpointListDto,
  WebhookEndpointWithSecretDto,
} from './dto/webhook.dto';
import { WebhooksService } from './webhooks.service';

const URL_REFUSED =
  'The URL is refused, with `errors[0].field` = `url` and one of these codes: `webhook.bad_url` (not an ' +
  'absolute URL, or with a user name or password), `webhook.bad_scheme` (not https), `webhook.private_address` ' +
  '(a loopback, private, link-local, metadata, shared or reserved address, or a localhost name). Other bad ' +
  'fields (an empty or unknown event, a repeated event, a description over 200 characters) answer ' +
  '`validation.failed` naming the field. Nothing is saved.';
const NOT_FOUND = 'No such endpoint in the organisation (code `webhook.endpoint_not_found`).';

@ApiTags('webhooks')
@ApiExtraModels(...WEBHOOK_PAYLOAD_SCHEMAS)
@Authenticated()
@Roles('admin')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Get()
  @ApiOperation({
    summary: 'The organisation’s webhook endpoints',
    description:
      'Roles: admin. Deliveries follow the Standard Webhooks specification: headers `webhook-id`, ' +
      '`webhook-timestamp` and `webhook-signature` (`v1,` base64 HMAC-SHA256). The bodies are the ' +
      '`Webhook…Event` schemas of the components.',
  })
  @ApiOkResponse({ type: WebhookEndpointListDto })
  @ApiBadRequestResponse({ description: 'A malformed `limit` or `cursor` (code `validation.failed`).' })
  list(@CurrentCaller() caller: Caller, @Query() query: PageQueryDto): Promise<Page<WebhookEndpointDto>> {
    return this.webhooks.list(caller.organisationId, query);
  }

  @Post()
  @ApiOperation({
    summary: 'Add a webhook endpoint',
    description: 'Roles: admin. Answers the signing secret (`whsec_…`) this once; it is stored encrypted.',
  })
  @ApiCreatedResponse({ type: WebhookEndpointWithSecretDto })
  @ApiBadRequestResponse({ description: URL_REFUSED })
  create(
    @CurrentCaller() caller: Caller,
    @Body() body: CreateWebhookDto,
  ): Promise<WebhookEndpointWithSecretDto> {
    return this.webhooks.create(caller, body);
  }

  @Patch(':endpointId')
  @ApiOperation({
    summary: 'Change an endpoint’s URL, description or events, or switch it on or off',
    description: 'Roles: admin. Switching on an endpoint the sender switched off clears `disabledReason`.',
  })
  @ApiParam({ name: 'endpointId', format: 'uuid' })
  @ApiOkResponse({ type: WebhookEndpointDto })
  @ApiBadRequestResponse({ description: URL_REFUSED })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  update(
    @CurrentCaller() caller: Caller,
    @IdParam('endpointId') endpointId: string,
    @Body() body: UpdateWebhookDto,
  ): Promise<WebhookEndpointDto> {
    return this.webhooks.update(caller, endpointId, body);
  }

  @Delete(':endpointId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove an endpoint and its delivery log', description: 'Roles: admin.' })
  @ApiParam({ name: 'endpointId', format: 'uuid' })
  @ApiNoContentResponse({ description: 'Removed.' })
  @ApiBadRequestResponse({ description: 'A malformed id (code `validation.failed`).' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  remove(@CurrentCaller() caller: Caller, @IdParam('endpointId') endpointId: string): Promise<void> {
    return this.webhooks.remove(caller, endpointId);
  }

  @Post(':endpointId/rotate-secret')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Rotate an endpoint’s signing secret',
    description:
      'Roles: admin. Answers the new secret this once. During `overlapHours` (default 24, at most 168; 0 ends ' +
      'the old secret now) every delivery carries two signatures, one by each secret, so a receiver holding ' +
      'either accepts it.',
  })
  @ApiParam({ name: 'endpointId', format: 'uuid' })
  @ApiOkResponse({ type: WebhookEndpointWithSecretDto })
  @ApiBadRequestResponse({
    description:
      'A malformed id, an `overlapHours` that is not an integer from 0 to 168 (code `validation.failed`).',
  })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  rotateSecret(
    @CurrentCaller() caller: Caller,
    @IdParam('endpointId') endpointId: string,
    @Body() body: RotateWebhookSecretDto,
  ): Promise<WebhookEndpointWithSecretDto> {
    return this.webhooks.rotateSecret(caller, endpointId, body);
  }

  @Get(':endpointId/deliveries')
  @ApiOperation({
    summary: 'An endpoint’s delivery log',
    description:
      'Roles: admin. Newest first: each event sent to the endpoint with the result of its latest attempt ' +
      '(status, duration, the start of the answer).',
  })
  @ApiParam({ name: 'endpointId', format: 'uuid' })
  @ApiOkResponse({ type: WebhookDeliveryListDto })
  @ApiBadRequestResponse({ description: 'A malformed id, `limit` or `cursor` (code `validation.failed`).' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  deliveries(
    @CurrentCaller() caller: Caller,
    @IdParam('endpointId') endpointId: string,
    @Query() query: ListWebhookDeliveriesQueryDto,
  ): Promise<Page<WebhookDeliveryDto>> {
    return this.webhooks.deliveries(caller, endpointId, query);
  }

  @Post(':endpointId/deliveries/:deliveryId/redeliver')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send a delivery again',
    description:
      'Roles: admin. Queues one attempt with the same body and `webhook-id`, signed anew with a fresh ' +
      '`webhook-timestamp`. Its failure does not switch the endpoint off.',
  })
  @ApiParam({ name: 'endpointId', format: 'uuid' })
  @ApiParam({ name: 'deliveryId', format: 'uuid' })
  @ApiAcceptedResponse({ type: WebhookDeliveryDto })
  @ApiBadRequestResponse({ description: 'A malformed id (code `validation.failed`).' })
  @ApiNotFoundResponse({
    description:
      'No such endpoint or delivery (codes `webhook.endpoint_not_found`, `webhook.delivery_not_found`).',
  })
  @ApiConflictResponse({ description: 'The endpoint is switched off (code `webhook.endpoint_disabled`).' })
  redeliver(
    @CurrentCaller() caller: Caller,
    @IdParam('endpointId') endpointId: string,
    @IdParam('deliveryId') deliveryId: string,
  ): Promise<WebhookDeliveryDto> {
    return this.webhooks.redeliver(caller, endpointId, deliveryId);
  }
}
