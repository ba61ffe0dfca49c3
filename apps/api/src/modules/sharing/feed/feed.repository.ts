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

/** What `FeedRepository.pageDetails` reads for a page of packs. */
export interface FeedPageDetails {
  readonly day: { creditedToday: number; nextDayStartsAt: Date };
  readonly variants: FeedVariantRow[];
  readonly shared: { packId: string; network: string; lastSharedAt: Date; credited: boolean }[];
  readonly media: MediaAssetRow[];
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

  /**
   * What a page of the feed shows of its packs, in one round trip: the same rows as `creditDay`,
   * `variants`, `lastShared` and `mediaAssets` (the packs' media and their variants') would read one
   * after the other on the data source.
   */
  async pageDetails(
    organisationId: string,
    memberId: string,
    packs: readonly Pick<FeedPackRow, 'id' | 'mediaIds'>[],
    networks: readonly NetworkId[],
    locales: readonly Locale[],
  ): Promise<FeedPageDetails> {
    const [row] = (await this.dataSource.query(
      `WITH day AS (
         SELECT (date_trunc('day', now() AT TIME ZONE timezone)) AT TIME ZONE timezone AS starts,
                (date_trunc('day', now() AT TIME ZONE timezone) + interval '1 day') AT TIME ZONE timezone AS ends
           FROM organisations WHERE id = $1
       ),
       v AS (
         SELECT pack_id, network, locale, caption_template, title, media_ids, position
           FROM pack_variants
          WHERE organisation_id = $1 AND pack_id = ANY($3::uuid[]) AND network = ANY($4::text[])
            AND locale = ANY($5::text[])
       )
       SELECT (SELECT count(*)::int FROM shares s
                WHERE s.member_id = $2 AND s.organisation_id = $1 AND s.credited
                  AND s.created_at >= day.starts AND s.created_at < day.ends) AS "creditedToday",
              day.ends AS "nextDayStartsAt",
              (SELECT coalesce(json_agg(json_build_object(
                        'packId', v.pack_id, 'network', v.network, 'locale', v.locale,
                        'captionTemplate', v.caption_template, 'title', v.title, 'mediaIds', v.media_ids)
                        ORDER BY v.position, v.network), '[]')
                 FROM v) AS variants,
              (SELECT coalesce(json_agg(json_build_object(
                        'packId', x.pack_id, 'network', x.network, 'lastSharedAt', x.last_shared_at,
                        'credited', x.credited)), '[]')
                 FROM (SELECT pack_id, network, max(created_at) AS last_shared_at, bool_or(credited) AS credited
                         FROM shares WHERE organisation_id = $1 AND member_id = $2 AND pack_id = ANY($3::uuid[])
                        GROUP BY pack_id, network) x) AS shared,
              (SELECT coalesce(json_agg(json_build_object(
                        'id', a.id, 'kind', a.kind, 'mimeType', a.content_type, 'width', a.width,
                        'height', a.height, 'altText', a.alt_text)), '[]')
                 FROM media_assets a
                WHERE a.organisation_id = $1
                  AND a.id = ANY($6::uuid[] || ARRAY(SELECT unnest(v.media_ids) FROM v))) AS media
         FROM day`,
      [
        organisationId,
        memberId,
        packs.map((pack) => pack.id),
        networks,
        locales,
        packs.flatMap((pack) => pack.mediaIds),
      ],
    )) as {
      creditedToday: number;
      nextDayStartsAt: Date;
      variants: FeedVariantRow[];
      shared: { packId: string; network: string; lastSharedAt: string; credited: boolean }[];
      media: MediaAssetRow[];
    }[];
    if (!row) throw new Error(`organisation ${organisationId} not found`);
    return {
      day: { creditedToday: row.creditedToday, nextDayStartsAt: row.nextDayStartsAt },
      variants: row.variants,
      // json_agg spells instants as text; the separate read gave Dates (to the millisecond, as here).
      shared: row.shared.map((s) => ({ ...s, lastSharedAt: new Date(s.lastSharedAt) })),
      media: row.media,
    };
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
