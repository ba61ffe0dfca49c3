import { Body, Controller, Headers, HttpStatus, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { Caller } from '../../../infra/http/caller';
import { Authenticated, CurrentCaller, Roles } from '../../../infra/http/access.decorators';
import { CreateShareDto, IDEMPOTENCY_KEY_PATTERN, ShareResultDto } from './share.dto';
import { InvalidIdempotencyKeyError } from './share.errors';
import { ShareService } from './share.service';

@ApiTags('sharing')
@Authenticated()
@Controller('shares')
export class ShareController {
  constructor(private readonly shares: ShareService) {}

  @Post()
  @Roles('advocate')
  @ApiOperation({
    summary: 'Share a pack on a network: a new tracked link, the final caption and what to open',
    description:
      'Roles: advocate. Checks everything again: the pack is published and unexpired, meant for the member, ' +
      'their training is complete, the network is enabled and has a variant, and the final caption — with the ' +
      'real tracked link in — fits the network and the organisation’s rules. Stores the share with a new code ' +
      'and the audience size of the member’s profile on the network (0 without one), adds it to the daily ' +
      'rollups, and answers with the text, the tracked link and the share action. With an `Idempotency-Key`, ' +
      'a repeat of the same request answers 200 with the same share (`Idempotent-Replayed: true`).',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: '1 to 200 visible ASCII characters, new for each share the member means to make.',
  })
  @ApiCreatedResponse({ type: ShareResultDto })
  @ApiOkResponse({
    type: ShareResultDto,
    description:
      'A repeat with the same Idempotency-Key: the earlier share (header `Idempotent-Replayed: true`).',
  })
  @ApiBadRequestResponse({
    description:
      'A malformed body or Idempotency-Key (code `validation.failed`; `errors` name `packId`, `network`, ' +
      '`caption` or `Idempotency-Key`).',
  })
  @ApiNotFoundResponse({ description: 'No such pack in the organisation (code `pack.not_found`).' })
  @ApiForbiddenResponse({
    description:
      'The pack is not meant for the member (`share.not_in_audience`), or their training is incomplete ' +
      '(`share.training_required`, with `blocking`: the modules to finish).',
  })
  @ApiConflictResponse({
    description:
      'The pack is not published (`share.pack_not_published`, with `state`) or has expired (`share.pack_expired`).',
  })
  @ApiUnprocessableEntityResponse({
    description:
      '`share.network_disabled`, `share.no_variant`, `share.caption_edit_not_allowed`, ' +
      '`share.caption_invalid` (with `issues` of @heimo/content and `errors` on `caption`), or ' +
      '`share.idempotency_key_reused` (the key came with another request).',
  })
  async create(
    @CurrentCaller() caller: Caller,
    @Body() body: CreateShareDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ShareResultDto> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey)) {
      throw new InvalidIdempotencyKeyError();
    }
    const outcome = await this.shares.share(caller, body, idempotencyKey ?? null);
    if (outcome.replayed) {
      response.status(HttpStatus.OK);
      response.setHeader('Idempotent-Replayed', 'true');
    }
    return outcome.share;
  }
}
