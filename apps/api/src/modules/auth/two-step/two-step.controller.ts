import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import {
  AllowedBeforeTwoStep,
  Authenticated,
  CurrentCaller,
  Roles,
} from '../../../infra/http/access.decorators';
import type { Caller } from '../../../infra/http/caller';
import { IdParam } from '../../../infra/http/id-param.pipe';
import {
  AppCodeDto,
  DisableTwoStepDto,
  RecoveryCodesDto,
  StartTwoStepDto,
  TwoStepEnrolmentDto,
  TwoStepResetDto,
  TwoStepStatusDto,
} from '../dto/two-step.dto';
import { TwoStepService } from './two-step.service';

const WRONG_CODE =
  'A malformed field (code `validation.failed`), or a code that is wrong or was used already ' +
  '(`two_step.code_wrong`, field `code`). Each wrong code counts towards the account’s sign-in lockout.';

@ApiTags('members')
@Authenticated()
@AllowedBeforeTwoStep()
@Controller('me/two-step')
export class TwoStepController {
  constructor(private readonly twoStep: TwoStepService) {}

  @Get()
  @ApiOperation({
    summary: 'Whether the member uses two-step sign-in',
    description:
      'Roles: any signed-in member. `required`: the organisation requires it of them (an admin), and until it is ' +
      'on, every other route answers 403 `auth.two_step_required`.',
  })
  @ApiOkResponse({ type: TwoStepStatusDto })
  status(@CurrentCaller() caller: Caller): Promise<TwoStepStatusDto> {
    return this.twoStep.status(caller);
  }

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Start setting up two-step sign-in',
    description:
      'Roles: any signed-in member. Needs the password (a wrong one counts towards the sign-in lockout). Answers ' +
      'a new secret for an authenticator app, as text and as an `otpauth://` URI for a QR code; two-step is on ' +
      'once `POST /api/me/two-step/confirm` gets a code from the app within 15 minutes. Starting again replaces ' +
      'an unconfirmed secret.',
  })
  @ApiOkResponse({ type: TwoStepEnrolmentDto })
  @ApiBadRequestResponse({
    description: 'A malformed field, or a wrong password (code `password.wrong_current`, field `password`).',
  })
  @ApiConflictResponse({ description: 'Two-step sign-in is already on (code `two_step.already_enabled`).' })
  start(@CurrentCaller() caller: Caller, @Body() body: StartTwoStepDto): Promise<TwoStepEnrolmentDto> {
    return this.twoStep.start(caller, body.password);
  }

  @Post('confirm')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Turn two-step sign-in on with the app’s first code',
    description:
      'Roles: any signed-in member. Answers ten recovery codes, shown only now (each signs in once in place of ' +
      'a code from the app). Audited as `two_step.enabled`.',
  })
  @ApiOkResponse({ type: RecoveryCodesDto })
  @ApiBadRequestResponse({ description: WRONG_CODE })
  @ApiConflictResponse({
    description:
      'Nothing waits to be confirmed, or the set-up is over 15 minutes old (`two_step.not_started`); already on ' +
      '(`two_step.already_enabled`).',
  })
  async confirm(@CurrentCaller() caller: Caller, @Body() body: AppCodeDto): Promise<RecoveryCodesDto> {
    return { recoveryCodes: await this.twoStep.confirm(caller, body.code) };
  }

  @Post('recovery-codes')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Make new recovery codes',
    description:
      'Roles: any signed-in member with two-step on. Needs the app’s current code. The earlier codes stop ' +
      'working; the new ones are shown only now. Audited as `two_step.recovery_codes_renewed`.',
  })
  @ApiOkResponse({ type: RecoveryCodesDto })
  @ApiBadRequestResponse({ description: WRONG_CODE })
  @ApiConflictResponse({ description: 'Two-step sign-in is not on (code `two_step.not_enabled`).' })
  async renew(@CurrentCaller() caller: Caller, @Body() body: AppCodeDto): Promise<RecoveryCodesDto> {
    return { recoveryCodes: await this.twoStep.renewRecoveryCodes(caller, body.code) };
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Turn two-step sign-in off',
    description:
      'Roles: any signed-in member. Needs the password and a code from the app (or a recovery code). The secret ' +
      'and the recovery codes are deleted. Audited as `two_step.disabled`.',
  })
  @ApiNoContentResponse({ description: 'Off.' })
  @ApiBadRequestResponse({
    description: `${WRONG_CODE} A wrong password: \`password.wrong_current\`, field \`password\`.`,
  })
  @ApiConflictResponse({ description: 'Two-step sign-in is not on (code `two_step.not_enabled`).' })
  async disable(@CurrentCaller() caller: Caller, @Body() body: DisableTwoStepDto): Promise<void> {
    await this.twoStep.disable(caller, body.password, body.code);
  }
}

@ApiTags('people')
@Authenticated()
@Roles('admin')
@Controller('people/:memberId/two-step')
export class PersonTwoStepController {
  constructor(private readonly twoStep: TwoStepService) {}

  @Post('reset')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Turn a person’s two-step sign-in off',
    description:
      'Roles: admin. For a member who lost their authenticator app and recovery codes: their secret and recovery ' +
      'codes are deleted, so the password alone signs them in until they set it up again. Audited as ' +
      '`two_step.reset` when it was on.',
  })
  @ApiParam({ name: 'memberId', format: 'uuid' })
  @ApiOkResponse({ type: TwoStepResetDto })
  @ApiBadRequestResponse({ description: 'A malformed id (code `validation.failed`).' })
  @ApiNotFoundResponse({ description: 'No such member in the organisation (code `member.not_found`).' })
  async reset(
    @CurrentCaller() caller: Caller,
    @IdParam('memberId') memberId: string,
  ): Promise<TwoStepResetDto> {
    return { reset: await this.twoStep.reset(caller, memberId) };
  }
}
