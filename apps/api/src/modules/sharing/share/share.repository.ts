import type { NetworkId } from '@heimo/domain';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { lockScopedOr404 } from '../../../infra/database/scoped-lookup';
import { Pack } from '../../packs/entities/pack.entity';
import { PackVariant } from '../../packs/entities/pack-variant.entity';
import { PackNotFoundError } from '../../packs/packs.errors';
import { Share } from '../entities/share.entity';

/**
 * A share as the command builds it; the code, counters and creation time are the table's. Fixtures
 * and the demo seed that make shares outside the command leave the credit out: credited, its own group.
 */
export type NewShare = Partial<Pick<Share, 'credited' | 'uncreditedReason' | 'creditGroupId'>> &
  Omit<
    Share,
    | 'id'
    | 'code'
    | 'createdAt'
    | 'clicks'
    | 'uniqueClicks'
    | 'previews'
    | 'clickPoints'
    | 'organisation'
    | 'member'
    | 'pack'
    | 'credited'
    | 'uncreditedReason'
    | 'creditGroupId'
  >;

/**
 * What the share command reads and writes. Every method runs on the command's transaction (the
 * manager it is given) and holds no state, so code outside Nest (the demo seed, test fixtures) can
 * make one with `new`.
 */
@Injectable()
export class ShareRepository {
  /** Until the transaction ends, other requests of the member with this Idempotency-Key wait here. */
  async waitForIdempotencyKey(
    manager: EntityManager,
    memberId: string,
    idempotencyKey: string,
  ): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `share:${memberId}:${idempotencyKey}`,
    ]);
  }

  /**
   * Until the transaction ends, the member's other share commands wait here, so each decides its
   * credit (first of the pack on the network, the daily cap) knowing the ones before it.
   */
  async waitForCreditTurn(manager: EntityManager, memberId: string): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `share-credit:${memberId}`,
    ]);
  }

  /**
   * The member's earlier shares of the pack on the network: whether one was credited, and the group
   * (the first one's id) whose click-points cap a new share joins; null without earlier shares.
   */
  async earlierShares(
    manager: EntityManager,
    organisationId: string,
    memberId: string,
    packId: string,
    network: NetworkId,
  ): Promise<{ creditedBefore: boolean; creditGroupId: string | null }> {
    const [row] = (await manager.query(
      `SELECT (SELECT coalesce(s.credit_group_id, s.id) FROM shares s
                WHERE s.member_id = $2 AND s.pack_id = $3 AND s.network = $4 AND s.organisation_id = $1
                ORDER BY s.created_at, s.id LIMIT 1) AS "creditGroupId",
              EXISTS (SELECT 1 FROM shares s
                       WHERE s.member_id = $2 AND s.pack_id = $3 AND s.network = $4 AND s.organisation_id = $1
                         AND s.credited) AS "creditedBefore"`,
      [organisationId, memberId, packId, network],
    )) as { creditGroupId: string | null; creditedBefore: boolean }[];
    return row ?? { creditGroupId: null, creditedBefore: false };
  }

  /** The share the member made with this Idempotency-Key, or null. */
  byIdempotencyKey(
    manager: EntityManager,
    organisationId: string,
    memberId: string,
    idempotencyKey: string,
  ): Promise<Share | null> {
    return manager.getRepository(Share).findOneBy({ organisationId, memberId, idempotencyKey });
  }

  /** The pack, held with a shared lock so that it cannot be archived or expired under the share. */
  lockPack(manager: EntityManager, organisationId: string, packId: string): Promise<Pack> {
    return lockScopedOr404(manager, Pack, organisationId, packId, () => new PackNotFoundError(), {
      mode: 'pessimistic_read',
    });
  }

  /** The pack of a share already made. */
  packOfShare(manager: EntityManager, share: Pick<Share, 'organisationId' | 'packId'>): Promise<Pack> {
    return manager
      .getRepository(Pack)
      .findOneByOrFail({ organisationId: share.organisationId, id: share.packId });
  }

  /** The pack's variants in their order. */
  variantsOf(manager: EntityManager, organisationId: string, packId: string): Promise<PackVariant[]> {
    return manager.getRepository(PackVariant).find({
      where: { organisationId, packId },
      order: { position: 'ASC' },
    });
  }

  /** The variant a share was made from, or null when the pack no longer has it. */
  variantOfShare(
    manager: EntityManager,
    share: Pick<Share, 'organisationId' | 'packId' | 'network' | 'locale'>,
  ): Promise<PackVariant | null> {
    return manager.getRepository(PackVariant).findOneBy({
      organisationId: share.organisationId,
      packId: share.packId,
      network: share.network,
      locale: share.locale,
    });
  }

  /** The member's audience on the network from their social profile, or null without a profile. */
  async audienceSize(
    manager: EntityManager,
    organisationId: string,
    memberId: string,
    network: NetworkId,
  ): Promise<number | null> {
    const [profile] = (await manager.query(
      `SELECT audience_size AS "audienceSize" FROM social_profiles
        WHERE organisation_id = $1 AND member_id = $2 AND network = $3`,
      [organisationId, memberId, network],
    )) as { audienceSize: number }[];
    return profile?.audienceSize ?? null;
  }

  /**
   * Inserts the share with this code, or nothing when the code is taken (`ON CONFLICT (code) DO
   * NOTHING`, which leaves the caller's transaction usable); the stored share, or null.
   */
  async insertIfCodeFree(manager: EntityManager, share: NewShare, code: string): Promise<Share | null> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(Share)
      .values({ ...share, code })
      .onConflict('("code") DO NOTHING')
      .returning(['id'])
      .execute();
    const row = (result.raw as { id: string }[])[0];
    return row ? manager.getRepository(Share).findOneByOrFail({ id: row.id }) : null;
  }
}
