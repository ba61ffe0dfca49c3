import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
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
} from '@nestjs/swagger';
import { IdParam } from '../../infra/http/id-param.pipe';
import type { Caller } from '../../infra/http/caller';
import { Authenticated, CurrentCaller, Roles, TokenScope } from '../../infra/http/access.decorators';
import {
  CreatePackDto,
  ListPacksQueryDto,
  PackDto,
  PackPageDto,
  PackTransitionInputDto,
  UpdatePackDto,
} from './dto/pack.dto';
import { PackCalendarDto, PackCalendarQueryDto } from './dto/pack-calendar.dto';
import { PacksService } from './packs.service';

const CONTENT_ERRORS =
  'A field breaks a rule (code `validation.failed`); each error names the field and the rule: ' +
  '`variants.2.captionTemplate` with `caption.too_long`, `caption.disclosure_missing`, `caption.blocked_term`, ' +
  '`caption.link_missing` or `template.*`; `variants.0.network` with `network.unknown` or `network.disabled`; ' +
  '`variants.0.locale` with `locale.unknown`; `variants.1.mediaIds` with `variant.media_required`; ' +
  '`variants.1` with `variant.duplicate`; `destinationUrl` with `link.scheme_not_allowed` (javascript:, data:) ' +
  'or another `link.*`; `mediaIds.0` with `media.not_found`; `audienceTeamIds.0` with `team.not_found`; ' +
  '`publishAt`/`expireAt` with `pack.publish_at_past`, `pack.expire_at_past`, `pack.expire_before_publish` ' +
  'or `pack.schedule_too_far`.';

const PACK_ID = { name: 'packId', format: 'uuid' } as const;
const NOT_FOUND = 'No such pack in the organisation (code `pack.not_found`).';

@ApiTags('packs')
@Authenticated()
@Controller('packs')
export class PacksController {
  constructor(private readonly packs: PacksService) {}

  @Get()
  @Roles('curator', 'admin')
  @TokenScope('packs:read')
  @ApiOperation({
    summary: 'The organisation’s packs, newest first',
    description:
      'Roles: curator, admin; API token scope `packs:read`. Filters combine: `status`, `q` (title and summary), `network` and `locale` ' +
      '(packs with such a variant) and `hashtag` (with or without `#`, any case).',
  })
  @ApiOkResponse({ type: PackPageDto })
  @ApiBadRequestResponse({ description: 'A malformed filter, limit or cursor (code `validation.failed`).' })
  list(@CurrentCaller() caller: Caller, @Query() query: ListPacksQueryDto): Promise<PackPageDto> {
    return this.packs.list(caller.organisationId, query);
  }

  // Before `:packId`, which would take `calendar` for an id.
  @Get('calendar')
  @Roles('curator', 'admin')
  @TokenScope('packs:read')
  @ApiOperation({
    summary: 'What goes out when: scheduled, published and expiring packs by day',
    description:
      'Roles: curator, admin; API token scope `packs:read`. The days `from`–`to` (both counted, at most ' +
      '62) in the organisation’s time zone; a pack appears once per time of it in them: `scheduled` (the ' +
      '`publishAt` of a draft, a pack in review or an approved one), `published` (`publishedAt`) and `expiring` ' +
      '(`expireAt`). `moves` names the field a move changes: send it to `PATCH /api/packs/{packId}` with ' +
      'the `version`. `network` keeps packs with a variant for it; `team` packs that team sees (addressed to ' +
      'it or to everyone).',
  })
  @ApiOkResponse({ type: PackCalendarDto })
  @ApiBadRequestResponse({
    description:
      'A malformed day, network or team id (code `validation.failed`, naming the field), `from` after `to` ' +
      '(`validation.range_order`) or more than 62 days (`validation.range_too_long` on `to`).',
  })
  @ApiNotFoundResponse({
    description: 'The team filter names no team of the organisation (`team.not_found`).',
  })
  calendar(@CurrentCaller() caller: Caller, @Query() query: PackCalendarQueryDto): Promise<PackCalendarDto> {
    return this.packs.calendar(caller, query);
  }

  @Post()
  @Roles('curator')
  @TokenScope('packs:write')
  @ApiOperation({
    summary: 'Draft a pack with its variants',
    description:
      'Roles: curator; API token scope `packs:write` (the draft then has no creator and no author, so any ' +
      'curator may review it; submitting and publishing stay with curators). Every variant is checked as it will be shared: rendered with the longest tracked link, ' +
      'against its network’s limit and the organisation’s rules. The creator is the pack’s first author.',
  })
  @ApiCreatedResponse({ type: PackDto })
  @ApiBadRequestResponse({ description: CONTENT_ERRORS })
  @ApiConflictResponse({ description: 'The slug is taken (code `pack.slug_taken`, field `slug`).' })
  create(@CurrentCaller() caller: Caller, @Body() body: CreatePackDto): Promise<PackDto> {
    return this.packs.create(caller, body);
  }

  @Get(':packId')
  @Roles('curator', 'admin')
  @TokenScope('packs:read')
  @ApiOperation({
    summary: 'One pack with its variants, their checks, its history and your actions',
    description:
      'Roles: curator, admin; API token scope `packs:read`. Each variant carries `check`, made now against the organisation’s current rules ' +
      '(they may have changed since the pack was saved); `transitions` names who did what, oldest first.',
  })
  @ApiParam(PACK_ID)
  @ApiOkResponse({ type: PackDto })
  @ApiBadRequestResponse({ description: 'A malformed id (code `validation.failed`).' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  get(@CurrentCaller() caller: Caller, @IdParam('packId') packId: string): Promise<PackDto> {
    return this.packs.get(caller, packId);
  }

  @Patch(':packId')
  @Roles('curator')
  @TokenScope('packs:write')
  @ApiOperation({
    summary: 'Change a pack’s content, variants or schedule',
    description:
      'Roles: curator; API token scope `packs:write` (a token becomes no author). Send the `version` you loaded and the fields that change; `variants` replaces the whole ' +
      'set (a variant keeps its id while its network and locale stay). Drafts and packs in review change freely; ' +
      'content changes to an approved pack send it back to review (an `edit` transition); a published pack ' +
      'takes only a new `expireAt`; expired and archived packs change no more. Moving or clearing `publishAt` / ' +
      '`expireAt` moves or cancels the scheduled job.',
  })
  @ApiParam(PACK_ID)
  @ApiOkResponse({ type: PackDto })
  @ApiBadRequestResponse({ description: CONTENT_ERRORS })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({
    description:
      'Stale `version` (`pack.stale_version`; `currentVersion` and `current` hold the pack now), ' +
      '`pack.not_editable` (the pack’s `state` and the refused `fields`), or `pack.slug_taken`.',
  })
  update(
    @CurrentCaller() caller: Caller,
    @IdParam('packId') packId: string,
    @Body() body: UpdatePackDto,
  ): Promise<PackDto> {
    return this.packs.update(caller, packId, body);
  }

  @Post(':packId/duplicate')
  @Roles('curator')
  @ApiOperation({
    summary: 'Duplicate a pack as a new draft',
    description:
      'Roles: curator. The draft has the pack’s title, summary, link, hashtags, media (the same assets), ' +
      'audience and variants; no schedule, a free slug from the pack’s, you as its creator. Any state may be duplicated.',
  })
  @ApiParam(PACK_ID)
  @ApiCreatedResponse({ type: PackDto })
  @ApiBadRequestResponse({ description: 'A malformed id (code `validation.failed`).' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  duplicate(@CurrentCaller() caller: Caller, @IdParam('packId') packId: string): Promise<PackDto> {
    return this.packs.duplicate(caller, packId);
  }

  @Post(':packId/transitions')
  @HttpCode(200)
  @Roles('curator')
  @ApiOperation({
    summary: 'Submit, withdraw, approve, reject, publish, expire or archive a pack',
    description:
      'Roles: curator. `draft → in_review → approved → published → expired | archived`; `reject` (comment ' +
      'required) and `withdraw` return a pack in review to draft. With four-eyes approval on, no author ' +
      '(creator, editor or submitter) may approve. Submitting, approving and publishing check every variant ' +
      'against the current rules. An approved pack with a future `publishAt` stays approved and is published ' +
      'then; `publish` publishes now.',
  })
  @ApiParam(PACK_ID)
  @ApiOkResponse({ type: PackDto })
  @ApiBadRequestResponse({
    description:
      '`pack.comment_required` / `pack.comment_too_long` (field `comment`), `validation.failed` for a ' +
      'malformed body, a pack without variants (`variants`, `pack.no_variants`) or variants that break the rules.',
  })
  @ApiForbiddenResponse({
    description:
      '`pack.four_eyes_required`: an author may not approve or reject (four-eyes); `pack.curator_required`.',
  })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({
    description:
      'Stale `version` (`pack.stale_version`), `pack.transition_not_allowed` in this state, or ' +
      '`pack.already_expired` (publishing after the expiry).',
  })
  transition(
    @CurrentCaller() caller: Caller,
    @IdParam('packId') packId: string,
    @Body() body: PackTransitionInputDto,
  ): Promise<PackDto> {
    return this.packs.transition(caller, packId, body);
  }
}
