import { Body, Controller, Delete, Get, HttpCode, Post, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Authenticated, CurrentCaller, Roles } from '../../infra/http/access.decorators';
import type { Caller } from '../../infra/http/caller';
import { IdParam } from '../../infra/http/id-param.pipe';
import {
  AddSsoDomainDto,
  SaveSsoProviderDto,
  SsoDomainDto,
  SsoDomainListDto,
  SsoSettingsDto,
  SsoTestResultDto,
  TestSsoConnectionDto,
} from './dto/sso.dto';
import { SsoSettingsService } from './sso-settings.service';

@ApiTags('sign-in settings')
@Authenticated()
@Roles('admin')
@Controller('organisation/sign-in')
export class SsoSettingsController {
  constructor(private readonly settings: SsoSettingsService) {}

  @Get()
  @ApiOperation({
    summary: 'The organisation’s single sign-on provider',
    description: 'Roles: admin. The client secret is never returned, only whether one is saved.',
  })
  @ApiOkResponse({ type: SsoSettingsDto })
  view(@CurrentCaller() caller: Caller): Promise<SsoSettingsDto> {
    return this.settings.view(caller.organisationId);
  }

  @Put()
  @ApiOperation({
    summary: 'Set the single sign-on provider',
    description:
      'Roles: admin. The issuer must be https and public (plain http only for hosts on OUTBOUND_ALLOWED_HOSTS); ' +
      'the client secret is sealed at rest, and kept when left out. Nothing is fetched: use the test.',
  })
  @ApiOkResponse({ type: SsoSettingsDto })
  @ApiBadRequestResponse({
    description:
      'A field is invalid; `errors[].field` names it (`validation.failed`, `sso.issuer_private_address`, ' +
      '`sso.issuer_not_https`, `sso.issuer_credentials`, `sso.issuer_query`, `sso.issuer_invalid`, ' +
      '`sso.client_secret_required`, `sso.break_glass_not_admin`).',
  })
  save(@CurrentCaller() caller: Caller, @Body() body: SaveSsoProviderDto): Promise<SsoSettingsDto> {
    return this.settings.save(caller.organisationId, caller.memberId, body);
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove the single sign-on provider', description: 'Roles: admin.' })
  @ApiNoContentResponse({ description: 'Removed; members sign in with passwords again.' })
  @ApiNotFoundResponse({ description: 'No provider was set (code `sso.provider_not_found`).' })
  async remove(@CurrentCaller() caller: Caller): Promise<void> {
    await this.settings.remove(caller.organisationId, caller.memberId);
  }

  @Post('test')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Test the connection',
    description:
      'Roles: admin. Tests the settings as typed, before saving (issuer and client id; the typed secret, or ' +
      'the saved one when left out), or the saved provider when the body is empty: reads the discovery ' +
      'document through the outbound policy and tries the client id and secret at the token endpoint. ' +
      'Answers 200 with what worked and, if something did not, a code (`sso.client_rejected`: the provider ' +
      'answered invalid_client).',
  })
  @ApiOkResponse({ type: SsoTestResultDto })
  @ApiBadRequestResponse({
    description:
      'A field is invalid; `errors[].field` names it (`sso.issuer_private_address`, `sso.issuer_not_https`, ' +
      '`sso.issuer_invalid`, `sso.client_secret_required`, …).',
  })
  @ApiUnprocessableEntityResponse({
    description: 'The issuer could not be reached (`sso.issuer_unreachable`, field `issuer`).',
  })
  @ApiNotFoundResponse({
    description: 'Nothing typed and no provider saved (code `sso.provider_not_found`).',
  })
  test(@CurrentCaller() caller: Caller, @Body() body: TestSsoConnectionDto): Promise<SsoTestResultDto> {
    return this.settings.test(caller.organisationId, body);
  }

  @Get('domains')
  @ApiOperation({ summary: 'The organisation’s sign-in domains', description: 'Roles: admin.' })
  @ApiOkResponse({ type: SsoDomainListDto })
  domains(@CurrentCaller() caller: Caller): Promise<SsoDomainListDto> {
    return this.settings.listDomains(caller.organisationId);
  }

  @Post('domains')
  @ApiOperation({
    summary: 'Add a domain to verify',
    description: 'Roles: admin. Answers the TXT record to publish. Public mail domains are refused.',
  })
  @ApiCreatedResponse({ type: SsoDomainDto })
  @ApiBadRequestResponse({
    description: 'Not a domain name (`sso.domain_invalid`) or a public mail domain (`sso.domain_public`).',
  })
  @ApiConflictResponse({
    description:
      'Added already (`sso.domain_exists`) or verified by another organisation (`sso.domain_taken`).',
  })
  addDomain(@CurrentCaller() caller: Caller, @Body() body: AddSsoDomainDto): Promise<SsoDomainDto> {
    return this.settings.addDomain(caller.organisationId, caller.memberId, body.domain);
  }

  @Post('domains/:domainId/verify')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Verify a domain by its DNS TXT record',
    description: 'Roles: admin. Looks up `_heimo-verification.<domain>` for the record the domain showed.',
  })
  @ApiParam({ name: 'domainId', format: 'uuid' })
  @ApiOkResponse({ type: SsoDomainDto })
  @ApiNotFoundResponse({ description: 'Not a domain of the organisation (`sso.domain_not_found`).' })
  @ApiConflictResponse({ description: 'Another organisation verified it first (`sso.domain_taken`).' })
  @ApiUnprocessableEntityResponse({
    description: 'The TXT record is missing or wrong (`sso.domain_unproven`).',
  })
  verifyDomain(
    @CurrentCaller() caller: Caller,
    @IdParam('domainId') domainId: string,
  ): Promise<SsoDomainDto> {
    return this.settings.verifyDomain(caller.organisationId, caller.memberId, domainId);
  }

  @Delete('domains/:domainId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a domain', description: 'Roles: admin.' })
  @ApiParam({ name: 'domainId', format: 'uuid' })
  @ApiNoContentResponse({ description: 'Removed.' })
  @ApiNotFoundResponse({ description: 'Not a domain of the organisation (`sso.domain_not_found`).' })
  async removeDomain(@CurrentCaller() caller: Caller, @IdParam('domainId') domainId: string): Promise<void> {
    await this.settings.removeDomain(caller.organisationId, caller.memberId, domainId);
  }
}
