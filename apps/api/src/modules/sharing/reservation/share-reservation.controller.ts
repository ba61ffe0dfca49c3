import { Body, Controller, Delete, Headers, HttpCode, HttpStatus, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiGoneResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { Caller } from '../../../infra/http/caller';
import { Authenticated, CurrentCaller, Roles } from '../../../infra/http/access.decorators';
import { IdParam } from '../../../infra/http/id-param.pipe';
import { CreateShareDto, IDEMPOTENCY_KEY_PATTERN, ShareResultDto } from '../share/share.dto';
import { InvalidIdempotencyKeyError } from '../share/share.errors';
import { ShareReservationDto } from './share-reservation.dto';
import { ShareReservationService } from './share-reservation.service';

const NOT_FOUND =
  'No such reservation of the member (`share_reservation.not_found`: released, another member’s or organisation’s).';

@ApiTags('sharing')
@Authenticated()
@Controller('shares/reservations')
export class ShareReservationController {
  constructor(private readonly reservations: ShareReservationService) {}

  @Post()
  @Roles('advocate')
  @ApiOperation({
    summary:
      'Reserve a share’s code for the phone’s share sheet: the final caption and tracked link, nothing counted',
    description:
      'Roles: advocate. The share command’s checks, in its order and with its codes, then a new code held ' +
      'for 30 minutes: the answer has the final caption with the real tracked link in, the link, the title and ' +
      'the media to hand to `navigator.share`. Nothing is counted until the reservation is confirmed; until then ' +
      'the link redirects without counting, and an expired or released code is unknown. With an ' +
      '`Idempotency-Key`, a repeat of the same request answers 200 with the same reservation; the confirmation ' +
      'makes the share with that key.',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: '1 to 200 visible ASCII characters, new for each share the member means to make.',
  })
  @ApiCreatedResponse({ type: ShareReservationDto })
  @ApiOkResponse({ type: ShareReservationDto, description: 'A repeat with the same Idempotency-Key.' })
  @ApiBadRequestResponse({
    description: 'A malformed body or Idempotency-Key (code `validation.failed`, naming the field).',
  })
  @ApiNotFoundResponse({ description: 'No such pack in the organisation (code `pack.not_found`).' })
  @ApiForbiddenResponse({
    description: '`share.not_in_audience` or `share.training_required`, as for a share.',
  })
  @ApiConflictResponse({ description: '`share.pack_not_published` or `share.pack_expired`.' })
  @ApiGoneResponse({
    description: 'A repeat of a reservation that has expired (`share_reservation.expired`).',
  })
  @ApiUnprocessableEntityResponse({
    description:
      'As for a share: `share.network_disabled`, `share.no_variant`, `share.caption_edit_not_allowed`, ' +
      '`share.caption_invalid`, `share.idempotency_key_reused`.',
  })
  async reserve(
    @CurrentCaller() caller: Caller,
    @Body() body: CreateShareDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ShareReservationDto> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey)) {
      throw new InvalidIdempotencyKeyError();
    }
    const outcome = await this.reservations.reserve(caller, body, idempotencyKey ?? null);
    if (outcome.replayed) {
      response.status(HttpStatus.OK);
      response.setHeader('Idempotent-Replayed', 'true');
    }
    return outcome.reservation;
  }

  @Post(':reservationId/confirm')
  @Roles('advocate')
  @ApiOperation({
    summary: 'Confirm a reserved share once the share sheet resolved: the share, made once',
    description:
      'Roles: advocate. Makes the share with the reserved code and every check of the share command again ' +
      '(201). A repeat answers 200 with the same share (`Idempotent-Replayed: true`): it is the share command’s ' +
      'replay of the reservation’s Idempotency-Key.',
  })
  @ApiParam({ name: 'reservationId', format: 'uuid' })
  @ApiCreatedResponse({ type: ShareResultDto })
  @ApiOkResponse({ type: ShareResultDto, description: 'Confirmed before: the same share.' })
  @ApiBadRequestResponse({ description: 'A malformed id (code `validation.failed`).' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiGoneResponse({ description: 'The reservation expired unconfirmed (`share_reservation.expired`).' })
  @ApiForbiddenResponse({ description: 'As for a share (the member’s training lapsed meanwhile, …).' })
  @ApiConflictResponse({ description: 'As for a share (the pack was unpublished or expired meanwhile).' })
  @ApiUnprocessableEntityResponse({ description: 'As for a share.' })
  async confirm(
    @CurrentCaller() caller: Caller,
    @IdParam('reservationId') reservationId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ShareResultDto> {
    const outcome = await this.reservations.confirm(caller, reservationId);
    if (outcome.replayed) {
      response.status(HttpStatus.OK);
      response.setHeader('Idempotent-Replayed', 'true');
    }
    return outcome.share;
  }

  @Delete(':reservationId')
  @Roles('advocate')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Release a reservation (the share sheet was cancelled): nothing recorded, its code never counts',
    description: 'Roles: advocate.',
  })
  @ApiParam({ name: 'reservationId', format: 'uuid' })
  @ApiNoContentResponse({ description: 'Released.' })
  @ApiBadRequestResponse({ description: 'A malformed id (code `validation.failed`).' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: 'Already confirmed: the share stays (`share_reservation.confirmed`).' })
  release(@CurrentCaller() caller: Caller, @IdParam('reservationId') reservationId: string): Promise<void> {
    return this.reservations.release(caller, reservationId);
  }
}
