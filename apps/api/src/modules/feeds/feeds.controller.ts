import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
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
} from '@nestjs/swagger';
import { IdParam } from '../../infra/http/id-param.pipe';
import type { Page } from '../../infra/database/keyset';
import type { Caller } from '../../infra/http/caller';
import { Authenticated, CurrentCaller, Roles } from '../../infra/http/access.decorators';
import {
  CreateFeedSourceDto,
  FeedFetchResultDto,
  FeedSourceDto,
  FeedSourceListDto,
  ListFeedSourcesQueryDto,
  UpdateFeedSourceDto,
} from './dto/feed-source.dto';
import { FeedsService } from './feeds.service';

const REFUSED =
  'The feed is refused, with `errors[0].field` = `url` and one of these codes: `validation.failed` (not a string, ' +
  'empty, over 2048 characters; a bad `title` or `enabled`), `feed.bad_url` (not an absolute URL, or with a user ' +
  'name or password), `feed.bad_scheme` (not http or https), `feed.private_address` (loopback, private, ' +
  'link-local or metadata, shared or reserved addresses, checked after DNS and on every redirect), ' +
  '`feed.dns_failed`, `feed.connect_failed`, `feed.timeout` (no complete answer in time), `feed.too_large`, ' +
  '`feed.http_status` (not 2xx), `feed.too_many_redirects` (more than 5), `feed.not_a_feed` (HTML, other XML, ' +
  'not well-formed), `feed.unsafe_xml` (a DOCTYPE or ENTITY declaration). Nothing is saved.';
const NOT_FOUND = 'No such feed source in the organisation (code `feed.source_not_found`).';

@ApiTags('feeds')
@Authenticated()
@Roles('curator', 'admin')
@Controller('feed-sources')
export class FeedsController {
  constructor(private readonly feeds: FeedsService) {}

  @Get()
  @ApiOperation({
    summary: 'The organisation’s RSS and Atom feed sources, with the result of their last read',
    description: 'Roles: curator, admin.',
  })
  @ApiOkResponse({ type: FeedSourceListDto })
  @ApiBadRequestResponse({ description: 'A malformed `limit` or `cursor` (code `validation.failed`).' })
  list(
    @CurrentCaller() caller: Caller,
    @Query() query: ListFeedSourcesQueryDto,
  ): Promise<Page<FeedSourceDto>> {
    return this.feeds.list(caller.organisationId, query);
  }

  @Post()
  @ApiOperation({
    summary: 'Add a feed source',
    description:
      'Roles: curator, admin. The URL is checked and read once; only an RSS 2.0 or Atom 1.0 feed is saved. Its ' +
      'items then become draft packs through a queued read, and every FEED_POLL_INTERVAL_MINUTES while enabled.',
  })
  @ApiCreatedResponse({ type: FeedSourceDto })
  @ApiBadRequestResponse({ description: REFUSED })
  @ApiConflictResponse({ description: 'The organisation already has this feed (code `feed.source_exists`).' })
  create(@CurrentCaller() caller: Caller, @Body() body: CreateFeedSourceDto): Promise<FeedSourceDto> {
    return this.feeds.create(caller, body);
  }

  @Patch(':sourceId')
  @ApiOperation({
    summary: 'Rename a feed source, or turn its scheduled reads on or off',
    description: 'Roles: curator, admin.',
  })
  @ApiParam({ name: 'sourceId', format: 'uuid' })
  @ApiOkResponse({ type: FeedSourceDto })
  @ApiBadRequestResponse({
    description:
      'A malformed id, a `title` empty, over 200 characters or with control characters, a non-boolean `enabled` (code `validation.failed`).',
  })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  update(
    @CurrentCaller() caller: Caller,
    @IdParam('sourceId') sourceId: string,
    @Body() body: UpdateFeedSourceDto,
  ): Promise<FeedSourceDto> {
    return this.feeds.update(caller, sourceId, body);
  }

  @Delete(':sourceId')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Remove a feed source',
    description: 'Roles: curator, admin. The draft packs it imported stay.',
  })
  @ApiParam({ name: 'sourceId', format: 'uuid' })
  @ApiNoContentResponse({ description: 'Removed.' })
  @ApiBadRequestResponse({ description: 'A malformed id (code `validation.failed`).' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  remove(@CurrentCaller() caller: Caller, @IdParam('sourceId') sourceId: string): Promise<void> {
    return this.feeds.remove(caller, sourceId);
  }

  @Post(':sourceId/fetch')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Read a feed source now',
    description:
      'Roles: curator, admin. Reads the feed (sending its ETag / Last-Modified), imports each item not imported ' +
      'before as a draft pack, and answers the result, which is also recorded on the source. A feed that cannot ' +
      'be read is an answer with `status: error` and a `feed.*` code, not an error response.',
  })
  @ApiParam({ name: 'sourceId', format: 'uuid' })
  @ApiOkResponse({ type: FeedFetchResultDto })
  @ApiBadRequestResponse({ description: 'A malformed id (code `validation.failed`).' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  fetch(@CurrentCaller() caller: Caller, @IdParam('sourceId') sourceId: string): Promise<FeedFetchResultDto> {
    return this.feeds.fetchNow(caller, sourceId);
  }
}
