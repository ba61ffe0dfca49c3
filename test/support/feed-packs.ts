import type { DataSource } from 'typeorm';
import type { Locale, MemberKind } from '../../apps/api/src/modules/members/entities/member.entity';
import { newPack, type NewPack } from './packs';

export interface NewFeedPack extends NewPack {
  readonly audienceTeamIds?: string[];
  readonly audienceKinds?: MemberKind[];
  readonly audienceLocales?: Locale[];
  readonly allowCaptionEdit?: boolean;
  readonly publishedAt?: Date;
  readonly mediaIds?: string[];
  readonly hashtags?: string[];
}

/** A pack as the feed sees it: published unless told otherwise, with the audience and media given. */
export async function newFeedPack(dataSource: DataSource, organisationId: string, options: NewFeedPack = {}) {
  const pack = await newPack(dataSource, organisationId, { status: 'published', ...options });
  const changes = {
    audienceTeamIds: options.audienceTeamIds ?? pack.audienceTeamIds,
    audienceKinds: options.audienceKinds ?? pack.audienceKinds,
    audienceLocales: options.audienceLocales ?? pack.audienceLocales,
    allowCaptionEdit: options.allowCaptionEdit ?? pack.allowCaptionEdit,
    publishedAt: options.publishedAt ?? pack.publishedAt,
    mediaIds: options.mediaIds ?? pack.mediaIds,
    hashtags: options.hashtags ?? pack.hashtags,
  };
  await dataSource.query(
    `UPDATE packs SET audience_team_ids = $2, audience_kinds = $3, audience_locales = $4, allow_caption_edit = $5,
            published_at = $6, media_ids = $7, hashtags = $8
      WHERE id = $1`,
    [
      pack.id,
      changes.audienceTeamIds,
      changes.audienceKinds,
      changes.audienceLocales,
      changes.allowCaptionEdit,
      changes.publishedAt,
      changes.mediaIds,
      changes.hashtags,
    ],
  );
  return Object.assign(pack, changes);
}

/** Merges into the organisation's stored settings (`enabledNetworks`, `disclosure`, `blockedTerms`, …). */
export async function patchSettings(
  dataSource: DataSource,
  organisationId: string,
  patch: Record<string, unknown>,
): Promise<void> {
  await dataSource.query('UPDATE organisations SET settings = settings || $2::jsonb WHERE id = $1', [
    organisationId,
    JSON.stringify(patch),
  ]);
}

/** What a share writes, for an organisation: shares, their rollups and audit events. */
export async function sharingState(dataSource: DataSource, organisationId: string) {
  const [counts] = await dataSource.query(
    `SELECT (SELECT count(*)::int FROM shares WHERE organisation_id = $1) AS shares,
            (SELECT count(*)::int FROM daily_stats WHERE organisation_id = $1) AS "dailyStatRows",
            (SELECT coalesce(sum(shares), 0)::int FROM daily_stats WHERE organisation_id = $1) AS "dailyShares",
            (SELECT coalesce(sum(points), 0)::int FROM daily_stats WHERE organisation_id = $1) AS "dailyPoints",
            (SELECT count(*)::int FROM audit_events WHERE organisation_id = $1 AND action = 'share.created') AS audited`,
    [organisationId],
  );
  return counts as {
    shares: number;
    dailyStatRows: number;
    dailyShares: number;
    dailyPoints: number;
    audited: number;
  };
}
