import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { Authenticated, CurrentCaller, Roles } from '../../infra/http/access.decorators';
import type { Caller } from '../../infra/http/caller';
import { IdParam } from '../../infra/http/id-param.pipe';
import {
  AcceptSuggestionDto,
  CreateSuggestionDto,
  DeclineSuggestionDto,
  ListSuggestionsQueryDto,
  MySuggestionsDto,
  SuggestionDto,
  SuggestionPageDto,
} from './dto/suggestion.dto';
import { SuggestionsService } from './suggestions.service';

const SUGGESTION_ID = { name: 'suggestionId', format: 'uuid' } as const;
const NOT_FOUND = 'No such suggestion in the organisation (code `suggestion.not_found`).';
const DECIDED =
  'The suggestion was accepted or declined already (code `suggestion.already_decided`, `decision` says which).';

@ApiTags('suggestions')
@Authenticated()
@Controller('suggestions')
export class SuggestionsController {
  constructor(private readonly suggestions: SuggestionsService) {}

  @Post()
  @ApiOperation({
    summary: 'Suggest a link to the curators',
    description:
      'Any member; fans only when the organisation’s `fanSuggestions` setting is on. At most ' +
      '`dailySuggestions` (setting, default 5) per member per day in the organisation’s time zone.',
  })
  @ApiCreatedResponse({ type: SuggestionDto })
  @ApiBadRequestResponse({
    description:
      'Refused, nothing saved (`validation.failed`): `url` with a `link.*` code (not http or https, a user ' +
      'name or password, longer than 2048 characters, no valid host) or `note` over 500 characters.',
  })
  @ApiForbiddenResponse({ description: 'A fan while fans may not suggest (`suggestion.fans_not_allowed`).' })
  @ApiTooManyRequestsResponse({
    description:
      'The day’s suggestions are made (`suggestion.daily_limit`, `limit`; `Retry-After` until tomorrow).',
  })
  create(@CurrentCaller() caller: Caller, @Body() body: CreateSuggestionDto): Promise<SuggestionDto> {
    return this.suggestions.create(caller, body);
  }

  @Get('mine')
  @ApiOperation({
    summary: 'Your suggestions and their decisions',
    description: 'Any member. With whether you may suggest and how many more today.',
  })
  @ApiOkResponse({ type: MySuggestionsDto })
  mine(@CurrentCaller() caller: Caller): Promise<MySuggestionsDto> {
    return this.suggestions.mine(caller);
  }

  @Get()
  @Roles('curator')
  @ApiOperation({
    summary: 'The curators’ queue of suggestions, newest first',
    description: 'Roles: curator. `status` defaults to `pending`; keyset pages.',
  })
  @ApiOkResponse({ type: SuggestionPageDto })
  @ApiBadRequestResponse({ description: 'A malformed status, limit or cursor (code `validation.failed`).' })
  list(@CurrentCaller() caller: Caller, @Query() query: ListSuggestionsQueryDto): Promise<SuggestionPageDto> {
    return this.suggestions.list(caller.organisationId, query);
  }

  @Post(':suggestionId/accept')
  @HttpCode(200)
  @Roles('curator')
  @ApiOperation({
    summary: 'Accept a suggestion: a draft pack, points for the suggester',
    description:
      'Roles: curator. Makes a draft pack (`origin: suggestion`) with the link, a title and summary prefilled ' +
      '(`packId` in the answer), credits the suggester the organisation’s `points.suggestionAccepted` once, ' +
      'and e-mails them (their review e-mails preference decides).',
  })
  @ApiParam(SUGGESTION_ID)
  @ApiOkResponse({ type: SuggestionDto })
  @ApiBadRequestResponse({ description: 'A malformed id or body (code `validation.failed`).' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: DECIDED })
  accept(
    @CurrentCaller() caller: Caller,
    @IdParam('suggestionId') suggestionId: string,
    @Body() body: AcceptSuggestionDto,
  ): Promise<SuggestionDto> {
    return this.suggestions.accept(caller, suggestionId, body);
  }

  @Post(':suggestionId/decline')
  @HttpCode(200)
  @Roles('curator')
  @ApiOperation({
    summary: 'Decline a suggestion with a note the suggester reads',
    description: 'Roles: curator. The suggester sees the note on their suggestions and is e-mailed.',
  })
  @ApiParam(SUGGESTION_ID)
  @ApiOkResponse({ type: SuggestionDto })
  @ApiBadRequestResponse({
    description: 'A malformed id, or a missing or long `note` (code `validation.failed`).',
  })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: DECIDED })
  decline(
    @CurrentCaller() caller: Caller,
    @IdParam('suggestionId') suggestionId: string,
    @Body() body: DeclineSuggestionDto,
  ): Promise<SuggestionDto> {
    return this.suggestions.decline(caller, suggestionId, body);
  }
}
