import { AUDIENCE_GROWTH_WINDOW_DAYS, type AudiencePendingReason, type NetworkId } from '@heimo/domain';
import { mergeSettings } from '../organisations/organisation-settings.defaults';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import { ProfileAudienceHistory } from './entities/profile-audience-history.entity';
import { SocialProfile } from './entities/social-profile.entity';

export type NewProfile = Pick<
  SocialProfile,
  | 'organisationId'
  | 'memberId'
  | 'network'
  | 'handle'
  | 'audienceSize'
  | 'pendingAudienceSize'
  | 'pendingAudienceReason'
  | 'pendingAudienceSince'
>;

export interface PendingAudienceRow {
  profileId: string;
  memberId: string;
  memberName: string;
  network: NetworkId;
  handle: string;
  audienceSize: number;
  pendingAudienceSize: number;
  reason: AudiencePendingReason;
  reportedAt: Date;
}

/**
 * Every query of the profiles module. Methods that run inside a command's transaction take its
 * `EntityManager`; every query names the organisation. A member's own profile is read or locked
 * with the scoped helpers.
 */
@Injectable()
export class ProfilesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The member's profiles, by network. */
  ofMember(organisationId: string, memberId: string): Promise<SocialProfile[]> {
    return this.dataSource.getRepository(SocialProfile).find({
      where: { organisationId, memberId },
      order: { network: 'ASC' },
    });
  }

  /** Every audience size these profiles have had, oldest first. */
  audienceHistory(organisationId: string, profileIds: readonly string[]): Promise<ProfileAudienceHistory[]> {
    return this.dataSource.getRepository(ProfileAudienceHistory).find({
      where: { organisationId, profileId: In([...profileIds]) },
      order: { recordedAt: 'ASC', id: 'ASC' },
    });
  }

  /** Whether the member has a profile on the network. */
  hasNetwork(
    manager: EntityManager,
    organisationId: string,
    memberId: string,
    network: NetworkId,
  ): Promise<boolean> {
    return manager.getRepository(SocialProfile).existsBy({ organisationId, memberId, network });
  }

  /** Whether the member has connected an account on the network (connections module; its audience is then read from it). */
  async isConnected(manager: EntityManager, memberId: string, network: NetworkId): Promise<boolean> {
    const rows = (await manager.query(
      `SELECT 1 FROM connected_accounts WHERE member_id = $1 AND network = $2 AND status = 'active'`,
      [memberId, network],
    )) as unknown[];
    return rows.length > 0;
  }

  insert(manager: EntityManager, columns: NewProfile): Promise<SocialProfile> {
    const repo = manager.getRepository(SocialProfile);
    return repo.save(repo.create(columns));
  }

  /** Writes a loaded profile back; its generated columns (`updatedAt`) are refreshed on the row returned. */
  save(manager: EntityManager, profile: SocialProfile): Promise<SocialProfile> {
    return manager.getRepository(SocialProfile).save(profile);
  }

  /** Deletes the profile (its history goes with it, on delete cascade); false when it was already gone. */
  async delete(manager: EntityManager, organisationId: string, profileId: string): Promise<boolean> {
    const result = await manager.getRepository(SocialProfile).delete({ organisationId, id: profileId });
    return Boolean(result.affected);
  }

  /** Appends a reported audience size, and what it counted at, to the profile's history. */
  async recordAudience(
    manager: EntityManager,
    profile: SocialProfile,
    reported: number = profile.pendingAudienceSize ?? profile.audienceSize,
  ): Promise<void> {
    await manager.getRepository(ProfileAudienceHistory).insert({
      organisationId: profile.organisationId,
      profileId: profile.id,
      audienceSize: reported,
      countedAudienceSize: profile.audienceSize,
    });
  }

  /** The organisation's audience ceiling per profile (its setting, else the default). */
  async audienceCeiling(manager: EntityManager, organisationId: string): Promise<number> {
    const [row] = (await manager.query('SELECT settings FROM organisations WHERE id = $1', [
      organisationId,
    ])) as {
      settings: unknown;
    }[];
    return mergeSettings(row?.settings).audienceCeiling;
  }

  /**
   * The lowest audience the profile counted within the growth window: the sizes counted since its
   * start and the one in effect at it (the last before it). Null without any history.
   */
  async lowestRecentAudience(manager: EntityManager, profileId: string): Promise<number | null> {
    const [row] = (await manager.query(
      `WITH since AS (SELECT now() - make_interval(days => $2) AS at)
       SELECT min(size)::int AS lowest FROM (
         SELECT coalesce(h.counted_audience_size, h.audience_size) AS size
           FROM profile_audience_history h, since WHERE h.profile_id = $1 AND h.recorded_at >= since.at
         UNION ALL
         (SELECT coalesce(h.counted_audience_size, h.audience_size)
            FROM profile_audience_history h, since WHERE h.profile_id = $1 AND h.recorded_at < since.at
           ORDER BY h.recorded_at DESC, h.id DESC LIMIT 1)
       ) sizes`,
      [profileId, AUDIENCE_GROWTH_WINDOW_DAYS],
    )) as { lowest: number | null }[];
    return row?.lowest ?? null;
  }

  /** The organisation's profiles whose reported audience waits for confirmation, oldest first, with their member. */
  pendingAudiences(organisationId: string, limit: number): Promise<PendingAudienceRow[]> {
    return this.dataSource.query(
      `SELECT p.id AS "profileId", p.member_id AS "memberId", m.name AS "memberName", p.network, p.handle,
              p.audience_size AS "audienceSize", p.pending_audience_size AS "pendingAudienceSize",
              p.pending_audience_reason AS reason, p.pending_audience_since AS "reportedAt"
         FROM social_profiles p JOIN members m ON m.id = p.member_id
        WHERE p.organisation_id = $1 AND p.pending_audience_size IS NOT NULL
        ORDER BY p.pending_audience_since, p.id
        LIMIT $2`,
      [organisationId, limit],
    );
  }

  /** Deletes the member's profiles and their audience history. */
  async deleteMember(manager: EntityManager, organisationId: string, memberId: string): Promise<void> {
    const profiles = await manager
      .getRepository(SocialProfile)
      .find({ select: { id: true }, where: { organisationId, memberId } });
    if (!profiles.length) return;
    const ids = profiles.map((p) => p.id);
    // Explicit, not left to the cascade alone, so the erasure reads as what it removes.
    await manager.getRepository(ProfileAudienceHistory).delete({ organisationId, profileId: In(ids) });
    await manager.getRepository(SocialProfile).delete({ organisationId, id: In(ids) });
  }
}
