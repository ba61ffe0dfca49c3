import { randomUUID } from 'node:crypto';
import { buildTrackedLink } from '@heimo/content';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../../infra/config/config';
import type { Caller } from '../../../infra/http/caller';
import type { ShareReservation } from '../entities/share-reservation.entity';
import { ShareCodeExhaustedError, ShareCodeService } from '../share-code.service';
import type { CreateShareDto } from '../share/share.dto';
import { IdempotencyKeyReusedError } from '../share/share.errors';
import { ShareRepository } from '../share/share.repository';
import { type CheckedShare, type ShareOutcome, ShareService, shareFingerprint } from '../share/share.service';
import type { ShareReservationDto } from './share-reservation.dto';
import {
  ReservationConfirmedError,
  ReservationExpiredError,
  ReservationNotFoundError,
} from './share-reservation.errors';
import { ShareReservationRepository } from './share-reservation.repository';

/** How long a reserved code waits for its confirmation. The client reserves again before it ends. */
export const RESERVATION_TTL_MS = 30 * 60_000;
const MAX_ATTEMPTS = 5;

export interface ReservationOutcome {
  readonly reservation: ShareReservationDto;
  readonly replayed: boolean;
}

/**
 * Share reservations for the phone's share sheet: reserve (the share command's checks and caption
 * with a new code, nothing counted), confirm (the share command with that code and the reservation's
 * Idempotency-Key, so a repeat is the same share) and release (forgotten; its code never counts).
 */
@Injectable()
export class ShareReservationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly shares: ShareService,
    private readonly shareRows: ShareRepository,
    private readonly codes: ShareCodeService,
    private readonly reservations: ShareReservationRepository,
  ) {}

  async reserve(caller: Caller, body: CreateShareDto, key: string | null): Promise<ReservationOutcome> {
    // Without a key of the client's, one of its own: the confirmation always has one.
    const idempotencyKey = key ?? `reservation:${randomUUID()}`;
    const fingerprint = shareFingerprint(body);
    return this.dataSource.transaction(async (manager) => {
      // The share command's lock: a reservation and a share with one key wait for each other.
      await this.shareRows.waitForIdempotencyKey(manager, caller.memberId, idempotencyKey);
      const now = new Date();
      const earlier = await this.reservations.byIdempotencyKey(manager, caller.memberId, idempotencyKey);
      if (earlier) {
        if (earlier.idempotencyFingerprint !== fingerprint || earlier.shareId)
          throw new IdempotencyKeyReusedError();
        if (earlier.expiresAt <= now) throw new ReservationExpiredError();
        const checked = await this.shares.check(manager, caller, body, now);
        return { reservation: this.toDto(earlier, checked, body), replayed: true };
      }
      const made = await this.shareRows.byIdempotencyKey(
        manager,
        caller.organisationId,
        caller.memberId,
        idempotencyKey,
      );
      if (made) throw new IdempotencyKeyReusedError();

      const checked = await this.shares.check(manager, caller, body, now);
      await this.reservations.forgetExpired(manager, caller.memberId, now);
      const reservation = await this.insertWithNewCode(manager, (code) => ({
        organisationId: caller.organisationId,
        memberId: caller.memberId,
        packId: checked.pack.id,
        network: body.network,
        caption: body.caption ?? null,
        code,
        redirectUrl: this.shares.redirectUrl(checked.pack, body.network, code),
        idempotencyKey,
        idempotencyFingerprint: fingerprint,
        expiresAt: new Date(now.getTime() + RESERVATION_TTL_MS),
      }));
      return { reservation: this.toDto(reservation, checked, body), replayed: false };
    });
  }

  /**
   * The share, made now with the reserved code (201), or the one an earlier confirmation made (200):
   * the share command's replay by the reservation's Idempotency-Key.
   */
  async confirm(caller: Caller, id: string): Promise<ShareOutcome> {
    const reservation = await this.reservations.mine(
      this.dataSource.manager,
      caller.organisationId,
      caller.memberId,
      id,
    );
    if (!reservation) throw new ReservationNotFoundError();
    if (!reservation.shareId && reservation.expiresAt <= new Date()) throw new ReservationExpiredError();
    const body: CreateShareDto = {
      packId: reservation.packId,
      network: reservation.network,
      ...(reservation.caption !== null ? { caption: reservation.caption } : {}),
    };
    return this.shares.share(caller, body, reservation.idempotencyKey, {
      code: reservation.code,
      claim: async (manager) => {
        // Released or expired since it was read: nothing is made.
        const held = await this.reservations.mine(manager, caller.organisationId, caller.memberId, id, true);
        if (!held) throw new ReservationNotFoundError();
        if (held.shareId) throw new ReservationConfirmedError();
        if (held.expiresAt <= new Date()) throw new ReservationExpiredError();
      },
      confirmed: (manager, shareId) => this.reservations.markConfirmed(manager, id, shareId),
    });
  }

  /** Forgets an unconfirmed reservation (the sheet was cancelled); a confirmed one stays (409). */
  async release(caller: Caller, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const held = await this.reservations.mine(manager, caller.organisationId, caller.memberId, id, true);
      if (!held) throw new ReservationNotFoundError();
      if (held.shareId) throw new ReservationConfirmedError();
      await this.reservations.remove(manager, id);
    });
  }

  private async insertWithNewCode(
    manager: EntityManager,
    build: (code: string) => Parameters<ShareReservationRepository['insertIfCodeFree']>[1],
  ): Promise<ShareReservation> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const row = await this.reservations.insertIfCodeFree(manager, build(this.codes.newCode()));
      if (row) return row;
    }
    throw new ShareCodeExhaustedError();
  }

  private toDto(
    reservation: ShareReservation,
    checked: CheckedShare,
    body: CreateShareDto,
  ): ShareReservationDto {
    const trackedUrl = buildTrackedLink(this.config.publicUrl, reservation.code);
    return {
      id: reservation.id,
      packId: reservation.packId,
      network: reservation.network,
      locale: checked.locale,
      code: reservation.code,
      // The share command's caption with this code: confirming makes exactly this text.
      text: this.shares.compose(checked, body, reservation.code),
      trackedUrl,
      link: checked.pack.destinationUrl ? trackedUrl : null,
      title: checked.variant.title,
      mediaUrl: checked.media[0]?.url ?? null,
      expiresAt: reservation.expiresAt.toISOString(),
    };
  }
}
