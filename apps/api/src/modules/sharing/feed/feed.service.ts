import { firstNameOf, renderCaptionForEditing } from '@heimo/content';
import { type NetworkId, shareCreditOutlook } from '@heimo/domain';
import { Injectable } from '@nestjs/common';
import type { PageQueryDto } from '../../../infra/http/keyset-page';
import type { Caller } from '../../../infra/http/caller';
import { OrganisationSettingsService } from '../../organisations/organisation-settings.service';
import { ReadinessService } from '../../training/readiness.service';
import type { FeedItemDto, FeedPageDto, FeedVariantDto } from './feed.dto';
import { type FeedPackRow, type FeedPageDetails, FeedRepository, type Sharer } from './feed.repository';
import { pickMedia, toMediaRefs } from './media-refs';
import { variantLocaleFor } from './pack-audience';

/**
 * The advocate's feed: published, unexpired packs whose audience includes the member and that have a
 * variant to share on an enabled network, newest first by (published_at, id) with a keyset cursor
 * (index `ix_packs_organisation_feed`).
 */
@Injectable()
export class FeedService {
  constructor(
    private readonly settings: OrganisationSettingsService,
    private readonly readiness: ReadinessService,
    private readonly feed: FeedRepository,
  ) {}

  async page(caller: Caller, query: PageQueryDto, now: Date = new Date()): Promise<FeedPageDto> {
    const { organisationId, memberId } = caller;
    const member = await this.feed.sharer(organisationId, memberId);
    const settings = await this.settings.get(organisationId);
    // The packs, what the page shows of them and the member's training: one statement.
    const { page, details, training } = await this.feed.page(
      organisationId,
      {
        member,
        enabledNetworks: settings.enabledNetworks,
        locales: [...new Set([member.locale, member.defaultLocale])],
        now,
      },
      query,
    );
    const readiness = await this.readiness.forMemberFrom(organisationId, memberId, training, now);
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
      // Each kind of member discloses in its own words: a fan never carries the employees' tag.
      items: this.items(
        page.items,
        details,
        member,
        settings.enabledNetworks,
        settings.disclosure[member.kind],
        settings.dailyCreditedShares,
      ),
      nextCursor: page.nextCursor,
    };
  }

  private items(
    packs: readonly FeedPackRow[],
    { day, variants, shared, media: assets }: FeedPageDetails,
    member: Sharer,
    enabledNetworks: readonly NetworkId[],
    disclosure: string | null,
    dailyCap: number,
  ): FeedItemDto[] {
    if (!packs.length) return [];
    const lastShared = new Map(shared.map((s) => [`${s.packId} ${s.network}`, s]));
    const media = toMediaRefs(assets);
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
          disclosure,
        });
        // Templates are checked on every save; one that no longer renders is not offered.
        if (!caption.ok) continue;
        const earlier = lastShared.get(`${pack.id} ${variant.network}`);
        const last = earlier?.lastSharedAt ?? null;
        const outlook = shareCreditOutlook({
          creditedBefore: earlier?.credited ?? false,
          creditedToday: day.creditedToday,
          dailyCap,
          nextDayStartsAt: day.nextDayStartsAt.toISOString(),
        });
        shown.push({
          network: variant.network,
          locale: variant.locale,
          title: variant.title,
          caption: caption.text,
          media: variant.mediaIds.length ? pickMedia(media, variant.mediaIds) : packMedia,
          shared: last !== null,
          lastSharedAt: last ? last.toISOString() : null,
          credit: {
            willCredit: outlook.willCredit,
            reason: outlook.willCredit ? null : outlook.reason,
            creditResumesAt:
              !outlook.willCredit && outlook.reason === 'daily_cap' ? outlook.creditResumesAt : null,
          },
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
