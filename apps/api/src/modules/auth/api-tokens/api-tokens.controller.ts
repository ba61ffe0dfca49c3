import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { Authenticated, CurrentCaller, Roles } from '../../../infra/http/access.decorators';
import type { Caller } from '../../../infra/http/caller';
import { IdParam } from '../../../infra/http/id-param.pipe';
import { ApiTokenDto, ApiTokenListDto, CreateApiTokenDto, CreatedApiTokenDto } from '../dto/api-token.dto';
import { ApiTokensService } from './api-tokens.service';

/**
 * Organisation API tokens for reporting tools and scripts (Settings → Integrations). Managing them
 * takes a signed-in admin: a token never manages tokens.
 */
@ApiTags('api-tokens')
@Authenticated()
@Roles('admin')
@Controller('api-tokens')
export class ApiTokensController {
  constructor(private readonly tokens: ApiTokensService) {}

  @Get()
  @ApiOperation({
    summary: 'The organisation’s API tokens, newest first',
    description:
      'Roles: admin. Every token, revoked and expired ones included, with its scopes, hint (first characters), ' +
      'expiry and last use; never the token itself.',
  })
  @ApiOkResponse({ type: ApiTokenListDto })
  async list(@CurrentCaller() caller: Caller): Promise<ApiTokenListDto> {
    return { items: await this.tokens.list(caller.organisationId) };
  }

  @Post()
  @ApiOperation({
    summary: 'Create an API token',
    description:
      'Roles: admin. The answer holds the token (`heimo_…`) this once: Heimo keeps only its SHA-256. Send it ' +
      'as `Authorization: Bearer <token>` to the routes whose scope it carries (each route names its scope ' +
      'under `x-heimo-token-scope`); each token may make `RATE_LIMIT_API_TOKEN` requests a window. Audited ' +
      'as `api_token.created`.',
  })
  @ApiCreatedResponse({ type: CreatedApiTokenDto })
  @ApiBadRequestResponse({
    description:
      'A bad field (code `validation.failed`), each error naming it: `name` empty, longer than 80 characters or ' +
      'with control characters; `scopes` empty, repeated or not grantable (`scim` included); `expiresAt` not ' +
      'a time with an offset, or with `api_token.expiry_past` / `api_token.expiry_too_far` (over 366 days).',
  })
  create(@CurrentCaller() caller: Caller, @Body() body: CreateApiTokenDto): Promise<CreatedApiTokenDto> {
    return this.tokens.create(caller, body);
  }

  @Post(':tokenId/revoke')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Revoke an API token',
    description:
      'Roles: admin. The token stops working at once (its next request answers 401 `auth.token_invalid`) and ' +
      'stays listed as revoked. Revoking it again changes nothing. Audited as `api_token.revoked`.',
  })
  @ApiParam({ name: 'tokenId', format: 'uuid' })
  @ApiOkResponse({ type: ApiTokenDto })
  @ApiBadRequestResponse({ description: 'A malformed id (code `validation.failed`, field `tokenId`).' })
  @ApiNotFoundResponse({ description: 'No such token in the organisation (code `api_token.not_found`).' })
  revoke(@CurrentCaller() caller: Caller, @IdParam('tokenId') tokenId: string): Promise<ApiTokenDto> {
    return this.tokens.revoke(caller, tokenId);
  }
}
