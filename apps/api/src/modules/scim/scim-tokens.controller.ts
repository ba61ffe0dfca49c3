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
import { Authenticated, CurrentCaller, Roles } from '../../infra/http/access.decorators';
import type { Caller } from '../../infra/http/caller';
import { IdParam } from '../../infra/http/id-param.pipe';
import { ApiTokensService } from '../auth/api-tokens/api-tokens.service';
import { ApiTokenDto, ApiTokenListDto, CreatedApiTokenDto } from '../auth/dto/api-token.dto';
import { CreateScimTokenDto } from './scim-token.dto';

/**
 * SCIM tokens (Settings → Provisioning): organisation tokens with the one scope `scim`, kept in the
 * API tokens' table and shown, hashed and revoked the same way, listed apart from them.
 */
@ApiTags('scim-tokens')
@Authenticated()
@Roles('admin')
@Controller('scim-tokens')
export class ScimTokensController {
  constructor(private readonly tokens: ApiTokensService) {}

  @Get()
  @ApiOperation({
    summary: 'The organisation’s SCIM tokens, newest first',
    description: 'Roles: admin. Revoked and expired ones included, with hint and last use; never the token.',
  })
  @ApiOkResponse({ type: ApiTokenListDto })
  async list(@CurrentCaller() caller: Caller): Promise<ApiTokenListDto> {
    return { items: await this.tokens.list(caller.organisationId, 'scim') };
  }

  @Post()
  @ApiOperation({
    summary: 'Create a SCIM token',
    description:
      'Roles: admin. The answer holds the token (`heimo_…`) this once: Heimo keeps only its SHA-256. The ' +
      'identity provider sends it as `Authorization: Bearer <token>` to `/scim/v2`. Audited as `api_token.created`.',
  })
  @ApiCreatedResponse({ type: CreatedApiTokenDto })
  @ApiBadRequestResponse({
    description:
      'A bad field (code `validation.failed`): `name` empty, over 80 characters or with control characters; ' +
      '`expiresAt` not a time with an offset, in the past or over 366 days away.',
  })
  create(@CurrentCaller() caller: Caller, @Body() body: CreateScimTokenDto): Promise<CreatedApiTokenDto> {
    return this.tokens.createScim(caller, body.name, body.expiresAt);
  }

  @Post(':tokenId/revoke')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Revoke a SCIM token',
    description:
      'Roles: admin. The identity provider’s next request answers 401. Revoking it again changes nothing. ' +
      'Audited as `api_token.revoked`.',
  })
  @ApiParam({ name: 'tokenId', format: 'uuid' })
  @ApiOkResponse({ type: ApiTokenDto })
  @ApiBadRequestResponse({ description: 'A malformed id (code `validation.failed`, field `tokenId`).' })
  @ApiNotFoundResponse({
    description: 'No such SCIM token in the organisation (code `api_token.not_found`).',
  })
  revoke(@CurrentCaller() caller: Caller, @IdParam('tokenId') tokenId: string): Promise<ApiTokenDto> {
    return this.tokens.revoke(caller, tokenId, 'scim');
  }
}
