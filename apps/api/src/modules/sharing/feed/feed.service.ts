import { firstNameOf, renderCaptionForEditing } from '@heimo/content';
import type { NetworkId } from '@heimo/domain';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../../infra/config/config';
import { type KeysetOrder, keysetPageFromSql } from '../../../infra/database/keyset';
import type { PageQueryDto } from '../../../infra/http/keyset-page';
import type { Caller } from '../../../infra/http/caller';
import type { Locale, MemberKind } from '../../members/entities/member.entity';
import { OrganisationSettingsService } from '../../organisations/organisation-settings.service';
import { MemberNotFoundError } from '../../members/members.errors';
import { ReadinessService } from '../../training/readiness.service';
import type { FeedItemDto, FeedPageDto, FeedVariantDto } from './feed.dto';
import { loadMediaRefs, pickMedia } from './media-refs';
import { audienceSql, variantLocaleFor } from './pack-audience';

/** The member as the feed and the share command read them. */
export interface Sharer {
  readonly id: string;
  readonly name: string;
  readonly kind: MemberKind;
  readonly teamId: string | null;
  readonly locale: Locale;
  readonly defaultLocale: Locale;
}

interface FeedPackRow {
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

const NEWEST_FIRST: KeysetOrder = {
  column: 'p.published_at',
  kind: 'instant',
  id: 'p.id',
  direction: 'DESC',
};

interface FeedVariantRow {
  packId: string;
  network: NetworkId;
  locale: Locale;
  captionTemplate: string;
  title: string | null;
  mediaIds: string[];
}

/** The member with their organisation's default locale; a member of another organisation is not found. */
export async function loadSharer(
  manager: Pick<DataSource, 'query'>,
  organisationId: string,
  memberId: string,
): Promise<Sharer> {
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
 * The advocate's feed: published, unexpired packs whose audience includes the member and that have a
 * variant to share on an enabled network, newest first by (published_at, id) with a keyset cursor
 * (index `ix_packs_organisation_feed`).
 */
@Injectable()
export class FeedService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly settings: OrganisationSettingsService,
    private readonly readiness: ReadinessService,
  ) {}

  async page(caller: Caller, query: PageQueryDto, now: Date = new Date()): Promise<FeedPageDto> {
    const { organisationId, memberId } = caller;
    const member = await loadSharer(this.dataSource, organisationId, memberId);
    const settings = await this.settings.get(organisationId);
    const enabled = settings.enabledNetworks;
    const locales = [...new Set([member.locale, member.defaultLocale])];

    const params: unknown[] = [
      organisationId,
      member.kind,
      member.teamId,
      member.locale,
      enabled,
      locales,
      now.toISOString(),
    ];
    const page = await keysetPageFromSql(
      NEWEST_FIRST,
      query,
      (_name, value) => `$${params.push(value)}`,
      (keyset) =>
        this.dataSource.query(
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
    const [readiness, items] = await Promise.all([
      this.readiness.forMember(organisationId, memberId, now),
      this.items(organisationId, page.items, member, settings.enabledNetworks, settings.disclosure.hashtag),
    ]);
    return {
      readiness: {
        mayShare: readiness.mayShare,
        blocking: readiness.blocking.map(({ moduleId, title, status, code }) => ({
          moduleId,
          title,
          status,
          code,
        })),
      },
      items,
      nextCursor: page.nextCursor,
    };
  }

  private async items(
    organisationId: string,
    packs: readonly FeedPackRow[],
    member: Sharer,
    enabledNetworks: readonly NetworkId[],
    disclosureHashtag: string | null,
  ): Promise<FeedItemDto[]> {
    if (!packs.length) return [];
    const packIds = packs.map((pack) => pack.id);
    const variants: FeedVariantRow[] = await this.dataSource.query(
      `SELECT pack_id AS "packId", network, locale, caption_template AS "captionTemplate", title,
              media_ids AS "mediaIds"
         FROM pack_variants
        WHERE organisation_id = $4 AND pack_id = ANY($1::uuid[]) AND network = ANY($2::text[])
          AND locale = ANY($3::text[])
        ORDER BY position, network`,
      [packIds, enabledNetworks, [...new Set([member.locale, member.defaultLocale])], organisationId],
    );
    const shared: { packId: string; network: string; lastSharedAt: Date }[] = await this.dataSource.query(
      `SELECT pack_id AS "packId", network, max(created_at) AS "lastSharedAt"
         FROM shares WHERE organisation_id = $3 AND member_id = $1 AND pack_id = ANY($2::uuid[])
        GROUP BY pack_id, network`,
      [member.id, packIds, organisationId],
    );
    const lastShared = new Map(shared.map((s) => [`${s.packId} ${s.network}`, s.lastSharedAt]));
    const media = await loadMediaRefs(
      this.dataSource,
      organisationId,
      [...packs.flatMap((pack) => pack.mediaIds), ...variants.flatMap((variant) => variant.mediaIds)],
      this.config.publicUrl,
    );
    const enabled = new Set<string>(enabledNetworks);
    const firstName = firstNameOf(member.name);

    return packs.map((pack) => {
      const ofPack = variants.filter((variant) => variant.packId === pack.id);
      const locale = variantLocaleFor(ofPack, enabled, member.locale, member.defaultLocale);
      const packMedia = pickMedia(media, pack.mediaIds);
      const shown: FeedVariantDto[] = [];
      for (const variant of ofPack) {
        if (variant.locale !== locale) continue;
        const caption = renderCaptionForEditing(variant.captionTemplate, {
          hasLink: pack.destinationUrl !== null,
          pack: { title: pack.title, hashtags: pack.hashtags },
          advocateFirstName: firstName,
          disclosureHashtag,
        });
        // Templates are checked on every save; one that no longer renders is not offered.
        if (!caption.ok) continue;
        const last = lastShared.get(`${pack.id} ${variant.network}`) ?? null;
        shown.push({
          network: variant.network,
          locale: variant.locale,
          title: variant.title,
          caption: caption.text,
          media: variant.mediaIds.length ? pickMedia(media, variant.mediaIds) : packMedia,
          shared: last !== null,
          lastSharedAt: last ? last.toISOString() : null,
        });
      }
      return {
        packId: pack.id,
        slug: pack.slug,
        title: pack.title,
        summary: pack.summary,
        destinationUrl: pack.destinationUrl,
        hashtags: pack.hashtags,
        media: packMedia,
        publishedAt: pack.publishedAt.toISOString(),
        expireAt: pack.expireAt ? pack.expireAt.toISOString() : null,
        allowCaptionEdit: pack.allowCaptionEdit,
        locale,
        variants: shown,
      };
    });
  }
}
