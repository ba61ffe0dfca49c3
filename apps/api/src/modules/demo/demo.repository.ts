import type { PreviewReason } from '@heimo/domain';
import { type EntityManager, In, IsNull, Not } from 'typeorm';
import { FeedSource } from '../feeds/entities/feed-source.entity';
import { MediaAsset } from '../media/entities/media-asset.entity';
import { Member } from '../members/entities/member.entity';
import { Organisation } from '../organisations/entities/organisation.entity';
import { Team } from '../organisations/entities/team.entity';
import { Pack } from '../packs/entities/pack.entity';
import { PackTransition } from '../packs/entities/pack-transition.entity';
import { PackVariant } from '../packs/entities/pack-variant.entity';
import { Invitation } from '../people/entities/invitation.entity';
import { SocialProfile } from '../profiles/entities/social-profile.entity';
import { Share } from '../sharing/entities/share.entity';
import type { DailyStatRow, PackDailyStatRow } from '../sharing/rollup-recount.repository';
import { TrainingCompletion } from '../training/entities/training-completion.entity';
import { TrainingModule } from '../training/entities/training-module.entity';
import type { NewCompletion } from '../training/training.repository';

/*
 * Every query of the demo seed. The seed runs in one transaction outside Nest (at boot, in tests),
 * so these are functions on the manager of that transaction; what to write, and whether, stays
 * with the seeders (demo-seed.ts, demo-packs.ts, demo-feeds.ts, demo-shares.ts).
 */

type NewInvitation = Pick<
  Invitation,
  'organisationId' | 'memberId' | 'tokenHash' | 'invitedByMemberId' | 'expiresAt' | 'acceptedAt'
>;
type NewVariant = Pick<
  PackVariant,
  'packId' | 'organisationId' | 'network' | 'locale' | 'captionTemplate' | 'title' | 'mediaIds' | 'position'
>;
type NewTransition = Pick<
  PackTransition,
  'packId' | 'organisationId' | 'from' | 'to' | 'action' | 'actorId' | 'comment' | 'at'
>;
type NewFeedSource = Pick<FeedSource, 'organisationId' | 'url' | 'title' | 'enabled' | 'createdById'>;

// The organisation, its teams, people and training (demo-seed.ts).

export function findOrganisationBySlug(manager: EntityManager, slug: string): Promise<Organisation | null> {
  return manager.getRepository(Organisation).findOneBy({ slug });
}

export function insertOrganisation(
  manager: EntityManager,
  columns: Partial<Organisation>,
): Promise<Organisation> {
  const organisations = manager.getRepository(Organisation);
  return organisations.save(organisations.create(columns));
}

/** The organisation; it must exist. */
export function loadOrganisation(manager: EntityManager, organisationId: string): Promise<Organisation> {
  return manager.getRepository(Organisation).findOneByOrFail({ id: organisationId });
}

export async function saveOrganisation(manager: EntityManager, organisation: Organisation): Promise<void> {
  await manager.getRepository(Organisation).save(organisation);
}

/** The team of this name, made when missing. */
export async function findOrInsertTeam(
  manager: EntityManager,
  organisationId: string,
  name: string,
): Promise<Team> {
  return (
    (await manager.getRepository(Team).findOneBy({ organisationId, name })) ??
    (await manager.getRepository(Team).save({ organisationId, name }))
  );
}

export function memberExists(
  manager: EntityManager,
  organisationId: string,
  email: string,
): Promise<boolean> {
  return manager.getRepository(Member).existsBy({ organisationId, email });
}

export function insertMember(manager: EntityManager, columns: Partial<Member>): Promise<Member> {
  const members = manager.getRepository(Member);
  return members.save(members.create(columns));
}

export async function insertInvitation(manager: EntityManager, columns: NewInvitation): Promise<void> {
  await manager.getRepository(Invitation).insert(columns);
}

/** Everyone in the organisation, whatever their status. */
export function membersOf(manager: EntityManager, organisationId: string): Promise<Member[]> {
  return manager.getRepository(Member).find({ where: { organisationId } });
}

/** The organisation's module whose draft has this English title, if any. */
export function findModuleByEnglishTitle(
  manager: EntityManager,
  organisationId: string,
  title: string | undefined,
): Promise<TrainingModule | null> {
  return manager
    .getRepository(TrainingModule)
    .createQueryBuilder('t')
    .where('t.organisation_id = :organisationId', { organisationId })
    .andWhere("t.draft->'title'->>'en' = :title", { title })
    .getOne();
}

export function insertTrainingModule(
  manager: EntityManager,
  columns: Partial<TrainingModule>,
): Promise<TrainingModule> {
  const modules = manager.getRepository(TrainingModule);
  return modules.save(modules.create(columns));
}

export async function insertCompletion(manager: EntityManager, columns: NewCompletion): Promise<void> {
  await manager.getRepository(TrainingCompletion).insert(columns);
}

// Packs (demo-packs.ts).

/** Which of these slugs the organisation's packs have. */
export async function existingPackSlugs(
  manager: EntityManager,
  organisationId: string,
  slugs: readonly string[],
): Promise<Set<string>> {
  const packs = await manager.getRepository(Pack).find({
    select: { slug: true },
    where: { organisationId, slug: In([...slugs]) },
  });
  return new Set(packs.map((pack) => pack.slug));
}

/** The id and e-mail of the organisation's members with these addresses. */
export function membersByEmail(
  manager: EntityManager,
  organisationId: string,
  emails: readonly string[],
): Promise<Pick<Member, 'id' | 'email'>[]> {
  return manager.getRepository(Member).find({
    select: { id: true, email: true },
    where: { organisationId, email: In([...emails]) },
  });
}

/** The organisation's oldest image, if it has one. */
export function firstImage(
  manager: EntityManager,
  organisationId: string,
): Promise<Pick<MediaAsset, 'id'> | null> {
  return manager
    .getRepository(MediaAsset)
    .findOne({ select: { id: true }, where: { organisationId, kind: 'image' }, order: { createdAt: 'ASC' } });
}

export function insertPack(manager: EntityManager, columns: Partial<Pack>): Promise<Pack> {
  const packs = manager.getRepository(Pack);
  return packs.save(packs.create(columns));
}

export async function insertVariant(manager: EntityManager, columns: NewVariant): Promise<void> {
  await manager.getRepository(PackVariant).insert(columns);
}

export async function insertTransitions(
  manager: EntityManager,
  rows: readonly NewTransition[],
): Promise<void> {
  await manager.getRepository(PackTransition).insert([...rows]);
}

// The feed source (demo-feeds.ts).

export function feedSourceExists(
  manager: EntityManager,
  organisationId: string,
  url: string,
): Promise<boolean> {
  return manager.getRepository(FeedSource).existsBy({ organisationId, url });
}

export function findMemberByEmail(
  manager: EntityManager,
  organisationId: string,
  email: string,
): Promise<Member | null> {
  return manager.getRepository(Member).findOneBy({ organisationId, email });
}

export async function insertFeedSource(manager: EntityManager, columns: NewFeedSource): Promise<void> {
  await manager.getRepository(FeedSource).insert(columns);
}

// Shares, clicks and rollups (demo-shares.ts).

/** A click event as the demo stores it. */
export interface DemoClick {
  id: string;
  occurredAt: Date;
  visitor: Buffer;
  isPreview: boolean;
  previewReason: PreviewReason | null;
  isUnique: boolean;
  referrerHost: string | null;
}

export function hasShares(manager: EntityManager, organisationId: string): Promise<boolean> {
  return manager.getRepository(Share).existsBy({ organisationId });
}

/** Active members who can log in, by e-mail. */
export function activeLogins(manager: EntityManager, organisationId: string): Promise<Member[]> {
  return manager.getRepository(Member).find({
    where: { organisationId, status: 'active', passwordHash: Not(IsNull()) },
    order: { email: 'ASC' },
  });
}

/** The member's social profiles. */
export function profilesOf(
  manager: EntityManager,
  organisationId: string,
  memberId: string,
): Promise<SocialProfile[]> {
  return manager.getRepository(SocialProfile).find({ where: { organisationId, memberId } });
}

export function insertProfile(
  manager: EntityManager,
  columns: Partial<SocialProfile>,
): Promise<SocialProfile> {
  const profiles = manager.getRepository(SocialProfile);
  return profiles.save(profiles.create(columns));
}

/** The packs that have been published (and may since have expired or been archived), in publishing order. */
export function publishedPacks(manager: EntityManager, organisationId: string): Promise<Pack[]> {
  return manager.getRepository(Pack).find({
    where: { organisationId, status: In(['published', 'expired', 'archived']), publishedAt: Not(IsNull()) },
    order: { publishedAt: 'ASC' },
  });
}

/** The variants of these packs (none without a pack). */
export async function variantsOf(manager: EntityManager, packIds: readonly string[]): Promise<PackVariant[]> {
  return packIds.length
    ? manager.getRepository(PackVariant).find({ where: { packId: In([...packIds]) } })
    : [];
}

/** The archiving transitions of these packs (none without a pack). */
export async function archivingsOf(
  manager: EntityManager,
  packIds: readonly string[],
): Promise<PackTransition[]> {
  return packIds.length
    ? manager.getRepository(PackTransition).find({ where: { packId: In([...packIds]), to: 'archived' } })
    : [];
}

/** Dates a share back (a transaction shares one now()). */
export async function setShareCreatedAt(
  manager: EntityManager,
  shareId: string,
  createdAt: Date,
): Promise<void> {
  await manager.query('UPDATE shares SET created_at = $2 WHERE id = $1', [shareId, createdAt]);
}

/** Stores the share's clicks as they are (uniques and previews decided). */
export async function insertClickEvents(
  manager: EntityManager,
  share: Pick<Share, 'id' | 'organisationId' | 'memberId' | 'network'>,
  clicks: readonly DemoClick[],
): Promise<void> {
  await manager.query(
    `INSERT INTO click_events (id, occurred_at, organisation_id, share_id, member_id, network, visitor,
                               is_preview, preview_reason, is_unique, referrer_host)
     SELECT id, occurred_at, $1, $2, $3, $4, decode(visitor, 'hex'), is_preview, preview_reason, is_unique, referrer_host
       FROM unnest($5::uuid[], $6::timestamptz[], $7::text[], $8::boolean[], $9::text[], $10::boolean[], $11::text[])
            AS c(id, occurred_at, visitor, is_preview, preview_reason, is_unique, referrer_host)`,
    [
      share.organisationId,
      share.id,
      share.memberId,
      share.network,
      clicks.map((c) => c.id),
      clicks.map((c) => c.occurredAt.toISOString()),
      clicks.map((c) => c.visitor.toString('hex')),
      clicks.map((c) => c.isPreview),
      clicks.map((c) => c.previewReason),
      clicks.map((c) => c.isUnique),
      clicks.map((c) => c.referrerHost),
    ],
  );
}

/** Sets the share's click counters and click points. */
export async function setShareCounters(
  manager: EntityManager,
  shareId: string,
  counters: { clicks: number; uniqueClicks: number; previews: number; clickPoints: number },
): Promise<void> {
  await manager.query(
    `UPDATE shares SET clicks = $2, unique_clicks = $3, previews = $4, click_points = $5 WHERE id = $1`,
    [shareId, counters.clicks, counters.uniqueClicks, counters.previews, counters.clickPoints],
  );
}

export async function deleteDailyStats(manager: EntityManager, organisationId: string): Promise<void> {
  await manager.query('DELETE FROM daily_stats WHERE organisation_id = $1', [organisationId]);
}

/** Writes recounted rollup rows (`recountDailyStats`) as they are. */
export async function insertDailyStats(
  manager: EntityManager,
  organisationId: string,
  rows: readonly DailyStatRow[],
): Promise<void> {
  await manager.query(
    `INSERT INTO daily_stats (organisation_id, member_id, day, network, shares, clicks, unique_clicks, previews, reach, points,
            verified_reach, engagement)
     SELECT $1, r.member_id, r.day, r.network, r.shares, r.clicks, r.unique_clicks, r.previews, r.reach, r.points,
            r.verified_reach, r.engagement
       FROM jsonb_to_recordset($2::jsonb) AS r(member_id uuid, day date, network text, shares int, clicks int,
            unique_clicks int, previews int, reach bigint, points int, verified_reach bigint, engagement bigint)`,
    [
      organisationId,
      JSON.stringify(
        rows.map((row) => ({
          member_id: row.memberId,
          day: row.day,
          network: row.network,
          shares: row.shares,
          clicks: row.clicks,
          unique_clicks: row.uniqueClicks,
          previews: row.previews,
          reach: row.reach,
          points: row.points,
          verified_reach: row.verifiedReach,
          engagement: row.engagement,
        })),
      ),
    ],
  );
}

export async function deletePackDailyStats(manager: EntityManager, organisationId: string): Promise<void> {
  await manager.query('DELETE FROM pack_daily_stats WHERE organisation_id = $1', [organisationId]);
}

/** Writes recounted pack rollup rows (`recountPackDailyStats`) as they are. */
export async function insertPackDailyStats(
  manager: EntityManager,
  organisationId: string,
  rows: readonly PackDailyStatRow[],
): Promise<void> {
  await manager.query(
    `INSERT INTO pack_daily_stats (organisation_id, pack_id, member_id, day, network, locale, shares, clicks,
            unique_clicks, previews, reach)
     SELECT $1, r.pack_id, r.member_id, r.day, r.network, r.locale, r.shares, r.clicks, r.unique_clicks,
            r.previews, r.reach
       FROM jsonb_to_recordset($2::jsonb) AS r(pack_id uuid, member_id uuid, day date, network text, locale text,
            shares int, clicks int, unique_clicks int, previews int, reach bigint)`,
    [
      organisationId,
      JSON.stringify(
        rows.map((row) => ({
          pack_id: row.packId,
          member_id: row.memberId,
          day: row.day,
          network: row.network,
          locale: row.locale,
          shares: row.shares,
          clicks: row.clicks,
          unique_clicks: row.uniqueClicks,
          previews: row.previews,
          reach: row.reach,
        })),
      ),
    ],
  );
}
