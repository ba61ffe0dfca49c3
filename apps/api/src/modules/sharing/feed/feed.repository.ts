import type { NetworkId } from '@heimo/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  type KeysetOrder,
  keysetPageFromSql,
  type Page,
  type PageRequest,
} from '../../../infra/database/keyset';
import { callerSnapshot } from '../../../infra/http/request-context';
import type { Locale, MemberKind } from '../../members/entities/member.entity';
import { MemberNotFoundError } from '../../members/members.errors';
import type { MediaAssetRow } from './media-refs';
import { audienceSql } from './pack-audience';

/** The member as the feed and the share command read them. */
export interface Sharer {
  readonly id: string;
  readonly name: string;
  readonly kind: MemberKind;
  readonly teamId: string | null;
  readonly locale: Locale;
  readonly defaultLocale: Locale;
}

export interface FeedPackRow {
  id: string;
  slug: string;
  title: string;
  summary: string;
  destinationUrl: string | null;
  hashtags: string[];
  mediaIds: string[];
  allowCaptionEdit: boolean;
  publishedAt: Date;
  expireAt: Date | null;
}

export interface FeedVariantRow {
  packId: string;
  network: NetworkId;
  locale: Locale;
  captionTemplate: string;
  title: string | null;
  mediaIds: string[];
}

/** What the feed shows a member: who they are, which networks and locales they may share in, and when. */
export interface FeedScope {
  readonly member: Sharer;
  readonly enabledNetworks: readonly NetworkId[];
  readonly locales: readonly Locale[];
  readonly now: Date;
}

const NEWEST_FIRST: KeysetOrder = {
  column: 'p.published_at',
  kind: 'instant',
  id: 'p.id',
  direction: 'DESC',
};

/**
 * The feed's reads, each scoped to the organisation. The share command passes its transaction's
 * manager, so what it checks is what it stores; without one they run on the data source.
 */
@Injectable()
export class FeedRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The member with their organisation's default locale; a member of another organisation is not found. */
  async sharer(
    organisationId: string,
    memberId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Sharer> {
    const snapshot =
      manager === this.dataSource.manager ? callerSnapshot(organisationId, memberId) : undefined;
    if (snapshot) {
      const { member, organisation } = snapshot;
      return {
        id: memberId,
        name: member.name,
        kind: member.kind,
        teamId: member.teamId,
        locale: member.locale as Locale,
        defaultLocale: organisation.defaultLocale as Locale,
      };
    }
    const [row] = (await manager.query(
      `SELECT m.id, m.name, m.kind, m.team_id AS "teamId", m.locale, o.default_locale AS "defaultLocale"
         FROM members m JOIN organisations o ON o.id = m.organisation_id
        WHERE m.organisation_id = $1 AND m.id = $2`,
      [organisationId, memberId],
    )) as Sharer[];
    if (!row) throw new MemberNotFoundError();
    return row;
  }

  /**
   * Published, unexpired packs whose audience includes the member and that have a variant in one of
   * the locales on an enabled network, newest first by (published_at, id) (index
   * `ix_packs_organisation_feed`).
   */
  packs(
    organisationId: string,
    scope: FeedScope,
    page: PageRequest,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Page<FeedPackRow>> {
    const params: unknown[] = [
      organisationId,
      scope.member.kind,
      scope.member.teamId,
      scope.member.locale,
      scope.enabledNetworks,
      scope.locales,
      scope.now.toISOString(),
    ];
    return keysetPageFromSql(
      NEWEST_FIRST,
      page,
      (_name, value) => `$${params.push(value)}`,
      (keyset) =>
        manager.query(
          `SELECT p.id, p.slug, p.title, p.summary, p.destination_url AS "destinationUrl", p.hashtags,
                  p.media_ids AS "mediaIds", p.allow_caption_edit AS "allowCaptionEdit",
                  p.published_at AS "publishedAt", p.expire_at AS "expireAt", ${keyset.select}
             FROM packs p
            WHERE p.organisation_id = $1 AND p.status = 'published' AND p.published_at IS NOT NULL
              AND (p.expire_at IS NULL OR p.expire_at > $7::timestamptz)
              AND ${audienceSql({ kind: 2, teamId: 3, locale: 4 })}
              AND EXISTS (SELECT 1 FROM pack_variants v
                           WHERE v.pack_id = p.id AND v.network = ANY($5::text[]) AND v.locale = ANY($6::text[]))
              AND ${keyset.after}
            ORDER BY ${keyset.orderBy}
            LIMIT ${keyset.limit}`,
          params,
        ),
      (row: FeedPackRow) => row,
    );
  }

  /** The variants of these packs on the networks and in the locales, in the packs' variant order. */
  variants(
    organisationId: string,
    packIds: readonly string[],
    networks: readonly NetworkId[],
    locales: readonly Locale[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<FeedVariantRow[]> {
    return manager.query(
      `SELECT pack_id AS "packId", network, locale, caption_template AS "captionTemplate", title,
              media_ids AS "mediaIds"
         FROM pack_variants
        WHERE organisation_id = $4 AND pack_id = ANY($1::uuid[]) AND network = ANY($2::text[])
          AND locale = ANY($3::text[])
        ORDER BY position, network`,
      [packIds, networks, locales, organisationId],
    );
  }

  /** When the member last shared each of these packs, per network, and whether one of those shares was credited. */
  lastShared(
    organisationId: string,
    memberId: string,
    packIds: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ packId: string; network: string; lastSharedAt: Date; credited: boolean }[]> {
    return manager.query(
      `SELECT pack_id AS "packId", network, max(created_at) AS "lastSharedAt", bool_or(credited) AS credited
         FROM shares WHERE organisation_id = $3 AND member_id = $1 AND pack_id = ANY($2::uuid[])
        GROUP BY pack_id, network`,
      [memberId, packIds, organisationId],
    );
  }

  /**
   * The member's credited shares on today's date in the organisation's time zone (the transaction's
   * time: a share made in it is stamped with the same), and when the next local day starts.
   */
  async creditDay(
    organisationId: string,
    memberId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ creditedToday: number; nextDayStartsAt: Date }> {
    const [row] = (await manager.query(
      `WITH day AS (
         SELECT (date_trunc('day', now() AT TIME ZONE timezone)) AT TIME ZONE timezone AS starts,
                (date_trunc('day', now() AT TIME ZONE timezone) + interval '1 day') AT TIME ZONE timezone AS ends
           FROM organisations WHERE id = $1
       )
       SELECT (SELECT count(*)::int FROM shares s
                WHERE s.member_id = $2 AND s.organisation_id = $1 AND s.credited
                  AND s.created_at >= day.starts AND s.created_at < day.ends) AS "creditedToday",
              day.ends AS "nextDayStartsAt"
         FROM day`,
      [organisationId, memberId],
    )) as { creditedToday: number; nextDayStartsAt: Date }[];
    if (!row) throw new Error(`organisation ${organisationId} not found`);
    return row;
  }

  /** The organisation's media assets among `ids`; ids of another organisation or of deleted assets are absent. */
  async mediaAssets(
    organisationId: string,
    ids: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<MediaAssetRow[]> {
    const unique = [...new Set(ids)];
    if (!unique.length) return [];
    return manager.query(
      `SELECT id, kind, content_type AS "mimeType", width, height, alt_text AS "altText"
         FROM media_assets WHERE organisation_id = $1 AND id = ANY($2::uuid[])`,
      [organisationId, unique],
    );
  }
}
