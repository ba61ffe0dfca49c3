import { Body, Controller, HttpCode, Inject, Post, Put, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiGoneResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import {
  AllowedBeforeTwoStep,
  Authenticated,
  CurrentCaller,
  Public,
} from '../../infra/http/access.decorators';
import type { Caller } from '../../infra/http/caller';
import { RateLimited } from '../auth/rate-limit/rate-limit.guard';
import { setSessionCookies } from '../auth/session-cookies';
import { SessionDto } from '../members/dto/me.dto';
import { MembersService } from '../members/members.service';
import { ChangePasswordDto, ForgotPasswordDto, ResetPasswordDto } from './dto/password.dto';
import { PasswordsService } from './passwords.service';

@ApiTags('auth')
@Public()
@Controller('auth/password')
export class PasswordResetController {
  constructor(
    private readonly passwords: PasswordsService,
    private readonly members: MembersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('forgot')
  @HttpCode(202)
  @RateLimited('password_reset')
  @ApiOperation({
    summary: 'Ask for a password reset link',
    description:
      'Public. Answers 202 with no body whether or not the address has an account; when it has, a single-use link ' +
      'valid for 60 minutes is e-mailed. Limited per client address (RATE_LIMIT_PASSWORD_RESET) and per e-mail ' +
      'address (PASSWORD_RESET_PER_EMAIL an hour, unknown addresses counted alike).',
  })
  @ApiAcceptedResponse({ description: 'Asked; an e-mail follows when the address has an account.' })
  @ApiBadRequestResponse({ description: '`email` missing or malformed (code `validation.failed`).' })
  async forgot(@Body() body: ForgotPasswordDto): Promise<void> {
    await this.passwords.forgot(body.email);
  }

  @Post('reset')
  @HttpCode(200)
  @RateLimited('password_reset')
  @ApiOperation({
    summary: 'Set a new password with a reset link',
    description:
      'Public. The link works once, for 60 minutes. Every session of the member ends, older links stop working, ' +
      'a notice is e-mailed, and the member is signed in here (the session cookies are set).',
  })
  @ApiOkResponse({ type: SessionDto })
  @ApiBadRequestResponse({
    description:
      'A malformed field, a link never issued (code `password_reset.invalid`), or a password the rules refuse ' +
      '(`password.too_short`, `password.too_long`, `password.too_common`); `errors` names the field.',
  })
  @ApiGoneResponse({
    description: 'The link was used (`password_reset.used`) or expired (`password_reset.expired`).',
  })
  @ApiForbiddenResponse({
    description:
      'The organisation now requires single sign-on for the address (code `auth.sso_required`): the link ' +
      'sets no password; `startUrl` leads to the identity provider.',
  })
  async reset(
    @Body() body: ResetPasswordDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SessionDto> {
    const tokens = await this.passwords.reset(body.token, body.password);
    setSessionCookies(response, this.config, tokens);
    return { member: await this.members.me(tokens.member.organisationId, tokens.member.id) };
  }
}

@ApiTags('members')
@Authenticated()
@AllowedBeforeTwoStep()
@Controller('me')
export class MyPasswordController {
  constructor(private readonly passwords: PasswordsService) {}

  @Put('password')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Change the password',
    description:
      'Roles: any signed-in member. Needs the current password (wrong guesses count towards the account’s ' +
      'sign-in lockout). The member’s other sessions end, this one stays; a notice is e-mailed.',
  })
  @ApiNoContentResponse({ description: 'Changed.' })
  @ApiBadRequestResponse({
    description:
      'A malformed field, a wrong current password (code `password.wrong_current`, field `currentPassword`) or a ' +
      'new password the rules refuse (`password.too_short`, …, field `newPassword`).',
  })
  async change(@CurrentCaller() caller: Caller, @Body() body: ChangePasswordDto): Promise<void> {
    await this.passwords.change(caller, body.currentPassword, body.newPassword);
  }
}
