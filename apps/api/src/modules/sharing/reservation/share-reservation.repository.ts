import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ShareReservation } from '../entities/share-reservation.entity';

export type NewShareReservation = Omit<
  ShareReservation,
  'id' | 'createdAt' | 'shareId' | 'organisation' | 'member' | 'pack' | 'share'
>;

/** What the reservation routes read and write, on the manager they are given. */
@Injectable()
export class ShareReservationRepository {
  /** The member's reservation with this key, or null. */
  byIdempotencyKey(
    manager: EntityManager,
    memberId: string,
    idempotencyKey: string,
  ): Promise<ShareReservation | null> {
    return manager.getRepository(ShareReservation).findOneBy({ memberId, idempotencyKey });
  }

  /** The caller's own reservation (another member's or organisation's is not found), locked when asked. */
  async mine(
    manager: EntityManager,
    organisationId: string,
    memberId: string,
    id: string,
    lock = false,
  ): Promise<ShareReservation | null> {
    const query = manager
      .getRepository(ShareReservation)
      .createQueryBuilder('r')
      .where('r.id = :id AND r.organisation_id = :organisationId AND r.member_id = :memberId', {
        id,
        organisationId,
        memberId,
      });
    if (lock) query.setLock('pessimistic_write');
    return query.getOne();
  }

  /**
   * Inserts the reservation, or nothing when its code is taken by another reservation or by a share
   * (the caller tries another code); the stored row, or null.
   */
  async insertIfCodeFree(
    manager: EntityManager,
    reservation: NewShareReservation,
  ): Promise<ShareReservation | null> {
    const rows = (await manager.query(
      `INSERT INTO share_reservations
         (organisation_id, member_id, pack_id, network, caption, code, redirect_url, idempotency_key, idempotency_fingerprint, expires_at)
       SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10
        WHERE NOT EXISTS (SELECT 1 FROM shares WHERE code = $6)
       ON CONFLICT (code) DO NOTHING
       RETURNING id`,
      [
        reservation.organisationId,
        reservation.memberId,
        reservation.packId,
        reservation.network,
        reservation.caption,
        reservation.code,
        reservation.redirectUrl,
        reservation.idempotencyKey,
        reservation.idempotencyFingerprint,
        reservation.expiresAt,
      ],
    )) as { id: string }[];
    const row = rows[0];
    return row ? manager.getRepository(ShareReservation).findOneByOrFail({ id: row.id }) : null;
  }

  async markConfirmed(manager: EntityManager, id: string, shareId: string): Promise<void> {
    await manager.query('UPDATE share_reservations SET share_id = $2 WHERE id = $1', [id, shareId]);
  }

  async remove(manager: EntityManager, id: string): Promise<void> {
    await manager.query('DELETE FROM share_reservations WHERE id = $1', [id]);
  }

  /** The member's reservations that expired unconfirmed: housekeeping at each new reservation. */
  async forgetExpired(manager: EntityManager, memberId: string, now: Date): Promise<void> {
    await manager.query(
      'DELETE FROM share_reservations WHERE member_id = $1 AND share_id IS NULL AND expires_at <= $2',
      [memberId, now],
    );
  }
}
