import {
  Body,
  type CanActivate,
  Controller,
  HttpCode,
  Inject,
  Injectable,
  Post,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiGoneResponse,
  ApiNotFoundResponse,
  ApiCreatedResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import { Public } from '../../infra/http/access.decorators';
import { RateLimited } from '../auth/rate-limit/rate-limit.guard';
import { setSessionCookies } from '../auth/session-cookies';
import { SessionDto } from '../members/dto/me.dto';
import { MembersService } from '../members/members.service';
import {
  ConfirmOrganisationSignupDto,
  OrganisationSignupAcceptedDto,
  OrganisationSignupRequestDto,
} from './dto/organisation-signup.dto';
import { OrganisationSignupService } from './organisation-signup.service';
import { OrganisationSignupOffError } from './people.errors';

/** With ALLOW_ORGANISATION_SIGNUP off the routes answer 404 whatever the body (before it is read). */
@Injectable()
export class OrganisationSignupOpenGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(): boolean {
    if (!this.config.ALLOW_ORGANISATION_SIGNUP) throw new OrganisationSignupOffError();
    return true;
  }
}

const OFF =
  'Creating organisations from the web is off on this server (ALLOW_ORGANISATION_SIGNUP; code `organisation_signup.off`).';
export const ORGANISATION_SIGNUP_ACCEPTED =
  'If the address can receive e-mail, a link to create the organisation is on its way. It works once, for 48 hours.';

@ApiTags('people')
@Public()
@UseGuards(OrganisationSignupOpenGuard)
@Controller('organisation-signups')
export class OrganisationSignupController {
  constructor(
    private readonly signups: OrganisationSignupService,
    private readonly members: MembersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post()
  @HttpCode(202)
  @RateLimited('join')
  @ApiOperation({
    summary: 'Ask to create an organisation',
    description:
      'Public, when ALLOW_ORGANISATION_SIGNUP is on. E-mails the address a link to `/signup-organisation` ' +
      '(it works once, for 48 hours) that creates a new organisation with this address as its first admin. ' +
      'Answers 202 with the same body for every address; nothing but the request is stored until the link is followed.',
  })
  @ApiAcceptedResponse({ type: OrganisationSignupAcceptedDto })
  @ApiBadRequestResponse({ description: 'A malformed field (`validation.failed`, naming it).' })
  @ApiNotFoundResponse({ description: OFF })
  async request(@Body() body: OrganisationSignupRequestDto): Promise<OrganisationSignupAcceptedDto> {
    await this.signups.request(body.email, body.locale);
    return { message: ORGANISATION_SIGNUP_ACCEPTED };
  }

  @Post('confirm')
  @HttpCode(201)
  @RateLimited('join')
  @ApiOperation({
    summary: 'Create the organisation from the e-mailed link',
    description:
      'Public, when ALLOW_ORGANISATION_SIGNUP is on. With the e-mailed token and the same fields as ' +
      '`/api/setup` (less the e-mail: the confirmed one is the admin’s), creates the organisation (default ' +
      'settings) and its first admin (active), records `organisation.created` and signs the admin in.',
  })
  @ApiCreatedResponse({ type: SessionDto })
  @ApiBadRequestResponse({
    description:
      'A malformed or missing field (`validation.failed`, naming it), a weak password (`password.too_short`, ' +
      '`password.too_long`, `password.too_common`) or a link never issued (`organisation_signup.invalid`, field `token`).',
  })
  @ApiGoneResponse({
    description: 'The link was used (`organisation_signup.used`) or expired (`organisation_signup.expired`).',
  })
  @ApiNotFoundResponse({ description: OFF })
  async confirm(
    @Body() body: ConfirmOrganisationSignupDto,
    @Res({ passthrough: true }) response: Response,
    @Req() request: Request,
  ): Promise<SessionDto> {
    const tokens = await this.signups.confirm(body, request.get('user-agent'));
    setSessionCookies(response, this.config, tokens);
    return { member: await this.members.me(tokens.member.organisationId, tokens.member.id) };
  }
}
