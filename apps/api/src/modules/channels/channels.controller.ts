import { Body, Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
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
import { Authenticated, CurrentCaller, Roles } from '../../infra/http/access.decorators';
import type { Caller } from '../../infra/http/caller';
import { IdParam } from '../../infra/http/id-param.pipe';
import { ChannelsService } from './channels.service';
import {
  ChannelDto,
  ChannelListDto,
  ChannelTestResultDto,
  CreateChannelDto,
  UpdateChannelDto,
} from './dto/channel.dto';

const URL_REFUSED =
  'Refused, nothing saved: a bad field (code `validation.failed`: an unknown `kind`, an empty or long `name` ' +
  'or `url`, an unknown or repeated event), or a `url` refused with `errors[0].field` = `url` and one of ' +
  '`channel.bad_url` (not an absolute URL), `channel.credentials_in_url` (a user name or password), ' +
  '`channel.bad_scheme` (not http or https), `channel.private_address` (loopback, private, link-local or ' +
  'reserved addresses), `channel.not_https`, `channel.wrong_host` (not the service’s documented webhook ' +
  'host: `hooks.slack.com` for Slack; `*.logic.azure.com` or `*.environment.api.powerplatform.com` for Teams), ' +
  '`channel.bad_path` (not a webhook path of the service). Hosts on OUTBOUND_ALLOWED_HOSTS (tests) skip the ' +
  'https and host checks.';
const NOT_FOUND = 'No such channel in the organisation (code `channel.not_found`).';

@ApiTags('channels')
@Authenticated()
@Roles('admin')
@Controller('channels')
export class ChannelsController {
  constructor(private readonly channels: ChannelsService) {}

  @Get()
  @ApiOperation({
    summary: 'The organisation’s Slack and Teams channels',
    description: 'Roles: admin. Webhook URLs are shown masked (`urlHint`), never whole.',
  })
  @ApiOkResponse({ type: ChannelListDto })
  async list(@CurrentCaller() caller: Caller): Promise<ChannelListDto> {
    return { items: await this.channels.list(caller.organisationId) };
  }

  @Post()
  @ApiOperation({
    summary: 'Add a Slack or Teams channel',
    description:
      'Roles: admin. The webhook URL is stored encrypted. Posts go through the queue with retries (5 attempts, ' +
      'doubling waits from CHANNEL_RETRY_BASE_MS); send a test message to check it.',
  })
  @ApiCreatedResponse({ type: ChannelDto })
  @ApiBadRequestResponse({ description: URL_REFUSED })
  @ApiConflictResponse({ description: 'The organisation has 20 channels already (code `channel.limit`).' })
  create(@CurrentCaller() caller: Caller, @Body() body: CreateChannelDto): Promise<ChannelDto> {
    return this.channels.create(caller, body);
  }

  @Patch(':channelId')
  @ApiOperation({
    summary: 'Rename a channel, replace its URL, choose its events, or pause it',
    description: 'Roles: admin. A new URL must be a webhook of the channel’s kind.',
  })
  @ApiParam({ name: 'channelId', format: 'uuid' })
  @ApiOkResponse({ type: ChannelDto })
  @ApiBadRequestResponse({ description: `A malformed id, or: ${URL_REFUSED}` })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  update(
    @CurrentCaller() caller: Caller,
    @IdParam('channelId') channelId: string,
    @Body() body: UpdateChannelDto,
  ): Promise<ChannelDto> {
    return this.channels.update(caller, channelId, body);
  }

  @Delete(':channelId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a channel', description: 'Roles: admin. Its log of posts goes with it.' })
  @ApiParam({ name: 'channelId', format: 'uuid' })
  @ApiNoContentResponse({ description: 'Removed.' })
  @ApiBadRequestResponse({ description: 'A malformed id (code `validation.failed`).' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  remove(@CurrentCaller() caller: Caller, @IdParam('channelId') channelId: string): Promise<void> {
    return this.channels.remove(caller, channelId);
  }

  @Post(':channelId/test')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Send a test message to a channel now',
    description:
      'Roles: admin. Posts once, paused or not, and answers how the channel answered; a refusal is ' +
      '`status: failed` with the reason, not an error response.',
  })
  @ApiParam({ name: 'channelId', format: 'uuid' })
  @ApiOkResponse({ type: ChannelTestResultDto })
  @ApiBadRequestResponse({ description: 'A malformed id (code `validation.failed`).' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  test(
    @CurrentCaller() caller: Caller,
    @IdParam('channelId') channelId: string,
  ): Promise<ChannelTestResultDto> {
    return this.channels.test(caller, channelId);
  }
}
