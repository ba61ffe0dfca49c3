import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { IdParam } from '../../infra/http/id-param.pipe';
import type { Caller } from '../../infra/http/caller';
import { Authenticated, CurrentCaller, Roles } from '../../infra/http/access.decorators';
import {
  CreateTrainingModuleDto,
  ListTrainingModulesQueryDto,
  PublishTrainingModuleDto,
  TrainingModuleDto,
  TrainingModulePageDto,
  UpdateTrainingModuleDto,
} from './dto/training-module.dto';
import { TrainingModulesService } from './training-modules.service';

const CONTENT_ERRORS =
  'A field is invalid (code `validation.failed`), naming it: e.g. `quiz.questions.0.options` with ' +
  '`training.no_correct_option` or `training.single_choice_needs_one_correct`, `…options.1.id` with ' +
  '`training.duplicate_option_id`, `…questions.1.id` with `training.duplicate_question_id`, `body.fi` with ' +
  '`training.locale_missing`, `quiz` with `training.quiz_on_policy`, `requiredFor.teamIds.0` with `team.not_found`.';

@ApiTags('training')
@Authenticated()
@Roles('curator', 'admin')
@Controller('training-modules')
export class TrainingModulesController {
  constructor(private readonly modules: TrainingModulesService) {}

  @Get()
  @ApiOperation({
    summary: 'The organisation’s training modules, oldest first, with drafts and answer keys',
    description: 'Roles: curator, admin.',
  })
  @ApiOkResponse({ type: TrainingModulePageDto })
  @ApiBadRequestResponse({ description: 'A malformed limit or cursor (code `validation.failed`).' })
  list(
    @CurrentCaller() caller: Caller,
    @Query() query: ListTrainingModulesQueryDto,
  ): Promise<TrainingModulePageDto> {
    return this.modules.list(caller.organisationId, query);
  }

  @Post()
  @ApiOperation({
    summary: 'Draft a training module',
    description: 'Roles: curator, admin. Members see nothing until it is published.',
  })
  @ApiCreatedResponse({ type: TrainingModuleDto })
  @ApiBadRequestResponse({ description: CONTENT_ERRORS })
  create(@CurrentCaller() caller: Caller, @Body() body: CreateTrainingModuleDto): Promise<TrainingModuleDto> {
    return this.modules.create(caller.organisationId, caller, body);
  }

  @Get(':moduleId')
  @ApiOperation({
    summary: 'One training module with its draft and answer keys',
    description: 'Roles: curator, admin.',
  })
  @ApiParam({ name: 'moduleId', format: 'uuid' })
  @ApiOkResponse({ type: TrainingModuleDto })
  @ApiBadRequestResponse({ description: 'A malformed id (code `validation.failed`).' })
  @ApiNotFoundResponse({
    description: 'No such module in the organisation (code `training.module_not_found`).',
  })
  get(@CurrentCaller() caller: Caller, @IdParam('moduleId') moduleId: string): Promise<TrainingModuleDto> {
    return this.modules.get(caller.organisationId, moduleId);
  }

  @Put(':moduleId')
  @ApiOperation({
    summary: 'Replace the draft',
    description: 'Roles: curator, admin. Send the `revision` you loaded. The published version is unchanged.',
  })
  @ApiParam({ name: 'moduleId', format: 'uuid' })
  @ApiOkResponse({ type: TrainingModuleDto })
  @ApiBadRequestResponse({ description: CONTENT_ERRORS })
  @ApiNotFoundResponse({
    description: 'No such module in the organisation (code `training.module_not_found`).',
  })
  @ApiConflictResponse({
    description: 'Stale `revision` (code `training.stale_revision`; `current` holds the module now).',
  })
  update(
    @CurrentCaller() caller: Caller,
    @IdParam('moduleId') moduleId: string,
    @Body() body: UpdateTrainingModuleDto,
  ): Promise<TrainingModuleDto> {
    return this.modules.update(caller.organisationId, caller, moduleId, body);
  }

  @Post(':moduleId/publish')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Publish the draft as the next version',
    description:
      'Roles: curator, admin. Send the `revision` you reviewed. `material: true` (and every first publish) ' +
      'outdates earlier completions: members must take the module again. A correction (`material: false`, a ' +
      'typo fixed) keeps them valid. Training points are earned once per module, whatever its versions.',
  })
  @ApiParam({ name: 'moduleId', format: 'uuid' })
  @ApiOkResponse({ type: TrainingModuleDto })
  @ApiBadRequestResponse({ description: 'A malformed id or body, or a draft naming a team that is gone.' })
  @ApiNotFoundResponse({
    description: 'No such module in the organisation (code `training.module_not_found`).',
  })
  @ApiConflictResponse({
    description:
      'Stale `revision` (code `training.stale_revision`; `current` holds the module now), or a draft equal to ' +
      'the published version (code `training.nothing_to_publish`).',
  })
  publish(
    @CurrentCaller() caller: Caller,
    @IdParam('moduleId') moduleId: string,
    @Body() body: PublishTrainingModuleDto,
  ): Promise<TrainingModuleDto> {
    return this.modules.publish(caller.organisationId, caller, moduleId, body);
  }
}
