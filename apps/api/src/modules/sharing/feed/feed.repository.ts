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
import { preparedQuery } from '../../../infra/database/prepared';
import { callerSnapshot } from '../../../infra/http/request-context';
import type { Locale, MemberKind } from '../../members/entities/member.entity';
import { MemberNotFoundError } from '../../members/members.errors';
import { type ModuleWithCompletionsRow, modulesWithCompletionsJson } from '../../training/training-catalogue';
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

/** What `FeedRepository.page` reads of the packs of a page. */
export interface FeedPageDetails {
  readonly day: { creditedToday: number; nextDayStartsAt: Date };
  readonly variants: FeedVariantRow[];
  readonly shared: { packId: string; network: string; lastSharedAt: Date; credited: boolean }[];
  readonly media: MediaAssetRow[];
}

/** A pack as `FeedRepository.page` reads it (JSON: instants as text), with its cursor key. */
interface FeedPackJson extends Omit<FeedPackRow, 'publishedAt' | 'expireAt'> {
  publishedAt: string;
  expireAt: string | null;
  keysetSort: string;
  keysetId: string;
}

/** The one row of `FeedRepository.page`'s statement. */
interface FeedPageRow {
  packs: FeedPackJson[];
  creditedToday: number;
  nextDayStartsAt: Date;
  variants: FeedVariantRow[];
  shared: { packId: string; network: string; lastSharedAt: string; credited: boolean }[];
  media: MediaAssetRow[];
  training: ModuleWithCompletionsRow[];
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
   * A page of the feed in one statement: the packs as `packs` reads them and, for the packs read,
   * what `pageDetails` reads of them, with the organisation's published training modules and the
   * member's completions of them (`modulesWithCompletionsJson`, for the member's readiness). On the
   * data source, as a prepared statement (its text differs only by whether a cursor is given).
   */
  async page(
    organisationId: string,
    scope: FeedScope,
    request: PageRequest,
  ): Promise<{ page: Page<FeedPackRow>; details: FeedPageDetails; training: ModuleWithCompletionsRow[] }> {
    const params: unknown[] = [
      organisationId,
      scope.member.kind,
      scope.member.teamId,
      scope.member.locale,
      scope.enabledNetworks,
      scope.locales,
      scope.now.toISOString(),
      scope.member.id,
    ];
    let read: FeedPageRow | undefined;
    const page = await keysetPageFromSql(
      NEWEST_FIRST,
      request,
      (_name, value) => `$${params.push(value)}`,
      async (keyset) => {
        [read] = await preparedQuery<FeedPageRow[]>(
          this.dataSource,
          `WITH page AS (
             SELECT p.id, p.slug, p.title, p.summary, p.destination_url, p.hashtags, p.media_ids,
                    p.allow_caption_edit, p.published_at, p.expire_at, ${keyset.select}
               FROM packs p
              WHERE p.organisation_id = $1 AND p.status = 'published' AND p.published_at IS NOT NULL
                AND (p.expire_at IS NULL OR p.expire_at > $7::timestamptz)
                AND ${audienceSql({ kind: 2, teamId: 3, locale: 4 })}
                AND EXISTS (SELECT 1 FROM pack_variants v
                             WHERE v.pack_id = p.id AND v.network = ANY($5::text[]) AND v.locale = ANY($6::text[]))
                AND ${keyset.after}
              ORDER BY ${keyset.orderBy}
              LIMIT ${keyset.limit}
           ),
           day AS (
             SELECT (date_trunc('day', now() AT TIME ZONE timezone)) AT TIME ZONE timezone AS starts,
                    (date_trunc('day', now() AT TIME ZONE timezone) + interval '1 day') AT TIME ZONE timezone AS ends
               FROM organisations WHERE id = $1
           ),
           v AS (
             SELECT pack_id, network, locale, caption_template, title, media_ids, position
               FROM pack_variants
              WHERE organisation_id = $1 AND pack_id IN (SELECT id FROM page) AND network = ANY($5::text[])
                AND locale = ANY($6::text[])
           )
           SELECT (SELECT coalesce(json_agg(json_build_object(
                            'id', p.id, 'slug', p.slug, 'title', p.title, 'summary', p.summary,
                            'destinationUrl', p.destination_url, 'hashtags', p.hashtags, 'mediaIds', p.media_ids,
                            'allowCaptionEdit', p.allow_caption_edit, 'publishedAt', p.published_at,
                            'expireAt', p.expire_at, 'keysetSort', p."keysetSort", 'keysetId', p."keysetId")
                            ORDER BY ${keyset.orderBy}), '[]')
                     FROM page p) AS packs,
                  (SELECT count(*)::int FROM shares s
                    WHERE s.member_id = $8 AND s.organisation_id = $1 AND s.credited
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
                             FROM shares
                            WHERE organisation_id = $1 AND member_id = $8 AND pack_id IN (SELECT id FROM page)
                            GROUP BY pack_id, network) x) AS shared,
                  (SELECT coalesce(json_agg(json_build_object(
                            'id', a.id, 'kind', a.kind, 'mimeType', a.content_type, 'width', a.width,
                            'height', a.height, 'altText', a.alt_text)), '[]')
                     FROM media_assets a
                    WHERE a.organisation_id = $1
                      AND a.id = ANY(ARRAY(SELECT unnest(page.media_ids) FROM page)
                                     || ARRAY(SELECT unnest(v.media_ids) FROM v))) AS media,
                  ${modulesWithCompletionsJson('$1', '$8')} AS training
             FROM day`,
          params,
        );
        if (!read) throw new Error(`organisation ${organisationId} not found`);
        return read.packs;
      },
      (row: FeedPackJson): FeedPackRow => ({
        id: row.id,
        slug: row.slug,
        title: row.title,
        summary: row.summary,
        destinationUrl: row.destinationUrl,
        hashtags: row.hashtags,
        mediaIds: row.mediaIds,
        allowCaptionEdit: row.allowCaptionEdit,
        // json_build_object spells instants as text; pg's Dates are to the millisecond, as these.
        publishedAt: new Date(row.publishedAt),
        expireAt: row.expireAt === null ? null : new Date(row.expireAt),
      }),
    );
    if (!read) throw new Error(`organisation ${organisationId} not found`);
    const { creditedToday, nextDayStartsAt, variants, shared, media, training } = read;
    return {
      page,
      details: {
        day: { creditedToday, nextDayStartsAt },
        variants,
        shared: shared.map((s) => ({ ...s, lastSharedAt: new Date(s.lastSharedAt) })),
        media,
      },
      training,
    };
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
