import { Readable } from 'node:stream';
import { Body, Controller, Get, Header, HttpCode, Post, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { IdParam } from '../../infra/http/id-param.pipe';
import type { Caller } from '../../infra/http/caller';
import { Authenticated, CurrentCaller, Roles } from '../../infra/http/access.decorators';
import { ComplianceDto } from './dto/compliance.dto';
import {
  AcceptanceDto,
  AcceptPolicyDto,
  AttemptDto,
  AttemptResultDto,
  MyTrainingDto,
  TrainingModuleViewDto,
} from './dto/training.dto';
import { ComplianceService } from './compliance.service';
import { TrainingService } from './training.service';

const NOT_FOUND =
  'No published module of the organisation that applies to the member (code `training.module_not_found`).';

@ApiTags('training')
@Authenticated()
@Controller('training')
export class TrainingController {
  constructor(
    private readonly training: TrainingService,
    private readonly compliance: ComplianceService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'The member’s training with its status',
    description:
      'Roles: any signed-in member. Published modules that apply to the member’s kind and team; `required` ones gate sharing.',
  })
  @ApiOkResponse({ type: MyTrainingDto })
  mine(@CurrentCaller() caller: Caller): Promise<MyTrainingDto> {
    return this.training.mine(caller);
  }

  // Declared before `:moduleId`, which would otherwise take these paths.
  @Get('compliance')
  @Roles('curator', 'admin')
  @ApiOperation({
    summary: 'Training compliance per team and overall',
    description:
      'Roles: curator, admin. Over active advocates: who may share, who has expired or outdated training, and which required module blocks the most people.',
  })
  @ApiOkResponse({ type: ComplianceDto })
  overview(@CurrentCaller() caller: Caller): Promise<ComplianceDto> {
    return this.compliance.overview(caller.organisationId);
  }

  @Get('compliance.csv')
  @Roles('curator', 'admin')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="heimo-training-compliance.csv"')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Training compliance as CSV, streamed',
    description:
      'Roles: curator, admin. One line per active advocate and required module: member, team, may_share, status, valid_until.',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV with a header line.', schema: { type: 'string' } })
  csv(@CurrentCaller() caller: Caller): StreamableFile {
    return new StreamableFile(Readable.from(this.compliance.csv(caller.organisationId)));
  }

  @Get(':moduleId')
  @ApiOperation({
    summary: 'One module to take, in the member’s locale',
    description: 'Roles: any signed-in member. The quiz comes without its answer key.',
  })
  @ApiParam({ name: 'moduleId', format: 'uuid' })
  @ApiOkResponse({ type: TrainingModuleViewDto })
  @ApiBadRequestResponse({ description: 'A malformed id (code `validation.failed`).' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  view(
    @CurrentCaller() caller: Caller,
    @IdParam('moduleId') moduleId: string,
  ): Promise<TrainingModuleViewDto> {
    return this.training.view(caller, moduleId);
  }

  @Post(':moduleId/attempts')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Answer a course’s quiz',
    description:
      'Roles: any signed-in member. The server scores the answers against the published version and records the attempt. ' +
      'A course without a quiz is completed with no answers.',
  })
  @ApiParam({ name: 'moduleId', format: 'uuid' })
  @ApiOkResponse({ type: AttemptResultDto })
  @ApiBadRequestResponse({
    description:
      'Nothing is recorded when an answer names an unknown question (`training.unknown_question`, also another module’s), ' +
      'repeats a question (`training.duplicate_answer`), names an unknown option (`training.unknown_option`) or gives ' +
      'a single-choice question other than one option (`training.single_choice_one_option`).',
  })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({
    description: 'The module is a policy: accept it instead (code `training.not_a_course`).',
  })
  attempt(
    @CurrentCaller() caller: Caller,
    @IdParam('moduleId') moduleId: string,
    @Body() body: AttemptDto,
  ): Promise<AttemptResultDto> {
    return this.training.attempt(caller, moduleId, body.answers);
  }

  @Post(':moduleId/accept')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Accept a policy',
    description: 'Roles: any signed-in member. Records the version accepted and the time.',
  })
  @ApiParam({ name: 'moduleId', format: 'uuid' })
  @ApiOkResponse({ type: AcceptanceDto })
  @ApiBadRequestResponse({ description: 'A malformed id or body (code `validation.failed`).' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({
    description:
      'The module is a course (`training.not_a_policy`), or a newer version was published (`training.stale_version`, with `currentVersion`).',
  })
  accept(
    @CurrentCaller() caller: Caller,
    @IdParam('moduleId') moduleId: string,
    @Body() body: AcceptPolicyDto,
  ): Promise<AcceptanceDto> {
    return this.training.accept(caller, moduleId, body.version);
  }
}
