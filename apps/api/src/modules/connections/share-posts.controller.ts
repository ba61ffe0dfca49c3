import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Authenticated, CurrentCaller, Roles } from '../../infra/http/access.decorators';
import type { Caller } from '../../infra/http/caller';
import { IdParam } from '../../infra/http/id-param.pipe';
import { SchedulePostDto, SharePostDto } from './dto/share-post.dto';
import { SharePosts } from './share-posts.service';

/**
 * "Post for me" is an action on a share the share command made (its final text and tracked link
 * fixed there, under its own Idempotency-Key), so it can be scheduled, watched and cancelled on its own.
 */
@ApiTags('connections')
@Authenticated()
@Controller('shares/:shareId/post')
export class SharePostsController {
  constructor(private readonly posts: SharePosts) {}

  @Post()
  @HttpCode(202)
  @Roles('advocate')
  @ApiOperation({
    summary: 'Post a share through the connected account, now or at a chosen time',
    description:
      'Roles: advocate, on their own share. The organisation’s `postForMe` setting must be on and the member ' +
      'connected on the share’s network. Posts the share’s text with its tracked link, the link card and the ' +
      'pack’s picture with its alt text. A post made verifies the share at once. Again after `failed` or ' +
      '`cancelled`: scheduled anew.',
  })
  @ApiParam({ name: 'shareId', format: 'uuid' })
  @ApiAcceptedResponse({ type: SharePostDto })
  @ApiBadRequestResponse({
    description:
      '`validation.failed`: a malformed `shareId` or `at`; `at` in the past (`share_post.at_past`) or more than ' +
      '30 days ahead (`share_post.at_too_far`).',
  })
  @ApiNotFoundResponse({ description: '`share.not_found` (not the member’s share in this organisation).' })
  @ApiForbiddenResponse({
    description: '`share_post.disabled` (the organisation’s setting is off), `auth.forbidden`.',
  })
  @ApiConflictResponse({
    description:
      '`share_post.no_connection` (no active connection on the network), `share_post.exists` (scheduled, posting or ' +
      'posted already; `post` has it).',
  })
  @ApiUnprocessableEntityResponse({
    description: '`share_post.network_unsupported` (Heimo cannot post there).',
  })
  @ApiServiceUnavailableResponse({
    description:
      '`share_post.queue_unavailable` (the job could not be queued; the post is `failed`, ask again).',
  })
  schedule(
    @CurrentCaller() caller: Caller,
    @IdParam('shareId') shareId: string,
    @Body() body: SchedulePostDto,
  ): Promise<SharePostDto> {
    return this.posts.schedule(caller, shareId, body.at);
  }

  @Get()
  @ApiOperation({
    summary: 'The share’s post: scheduled, posting, posted, failed (with its code) or cancelled',
    description: 'Roles: any signed-in member, on their own share.',
  })
  @ApiParam({ name: 'shareId', format: 'uuid' })
  @ApiOkResponse({ type: SharePostDto })
  @ApiBadRequestResponse({ description: 'A malformed `shareId` (`validation.failed`).' })
  @ApiNotFoundResponse({ description: '`share.not_found`, `share_post.not_found` (never asked to post it).' })
  get(@CurrentCaller() caller: Caller, @IdParam('shareId') shareId: string): Promise<SharePostDto> {
    return this.posts.get(caller, shareId);
  }

  @Delete()
  @HttpCode(204)
  @Roles('advocate')
  @ApiOperation({
    summary: 'Cancel a scheduled post',
    description: 'Roles: advocate, on their own share. Only a post still waiting for its time.',
  })
  @ApiParam({ name: 'shareId', format: 'uuid' })
  @ApiNoContentResponse({ description: 'Cancelled.' })
  @ApiBadRequestResponse({ description: 'A malformed `shareId` (`validation.failed`).' })
  @ApiNotFoundResponse({ description: '`share.not_found`, `share_post.not_found`.' })
  @ApiConflictResponse({
    description: '`share_post.not_scheduled` (posting, posted, failed or cancelled; `post` has it).',
  })
  cancel(@CurrentCaller() caller: Caller, @IdParam('shareId') shareId: string): Promise<void> {
    return this.posts.cancel(caller, shareId);
  }
}
