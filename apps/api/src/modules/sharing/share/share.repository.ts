import type { NetworkId } from '@heimo/domain';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { lockScopedOr404 } from '../../../infra/database/scoped-lookup';
import { Pack } from '../../packs/entities/pack.entity';
import { PackVariant } from '../../packs/entities/pack-variant.entity';
import { PackNotFoundError } from '../../packs/packs.errors';
import { Share } from '../entities/share.entity';

/** A share as the command builds it; the code, counters and creation time are the table's. */
export type NewShare = Omit<
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
