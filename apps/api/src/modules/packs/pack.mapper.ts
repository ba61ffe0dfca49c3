import type { PackAction, UnavailablePackAction } from '@heimo/domain';
import type { PackDto, PackSummaryDto, PackVariantDto } from './dto/pack.dto';
import type { Pack } from './entities/pack.entity';
import type { PackTransition } from './entities/pack-transition.entity';
import type { PackVariant } from './entities/pack-variant.entity';
import type { PackContent, VariantCheck, VariantContent } from './pack-content';
import type { ListedPack } from './packs.repository';

const iso = (value: Date | null) => value?.toISOString() ?? null;

/** What a full pack answer is made of, beyond the row itself. */
export interface PackDetails {
  /** Each variant with its check against the current rules. */
  readonly variants: readonly { readonly variant: PackVariant; readonly check: VariantCheck }[];
  readonly history: readonly PackTransition[];
  readonly createdByName: string | null;
  readonly availableActions: PackAction[];
  readonly unavailableActions: readonly UnavailablePackAction[];
}

export function toPackSummaryDto({ pack, variants }: ListedPack): PackSummaryDto {
  return {
    id: pack.id,
    slug: pack.slug,
    title: pack.title,
    summary: pack.summary,
    destinationUrl: pack.destinationUrl,
    status: pack.status,
    origin: pack.origin,
    networks: [...new Set(variants.map((variant) => variant.network))],
    locales: [...new Set(variants.map((variant) => variant.locale))],
    publishAt: iso(pack.publishAt),
    expireAt: iso(pack.expireAt),
    publishedAt: iso(pack.publishedAt),
    version: pack.version,
    createdAt: pack.createdAt.toISOString(),
    updatedAt: pack.updatedAt.toISOString(),
  };
}

export function toPackDto(pack: Pack, details: PackDetails): PackDto {
  const variants: PackVariantDto[] = details.variants.map(({ variant, check }) => ({
    id: variant.id,
    network: variant.network,
    locale: variant.locale,
    captionTemplate: variant.captionTemplate,
    title: variant.title,
    mediaIds: variant.mediaIds,
    check: toCheckDto(check),
  }));
  return {
    id: pack.id,
    slug: pack.slug,
    title: pack.title,
    summary: pack.summary,
    destinationUrl: pack.destinationUrl,
    hashtags: pack.hashtags,
    mediaIds: pack.mediaIds,
    audienceTeamIds: pack.audienceTeamIds,
    audienceKinds: pack.audienceKinds,
    audienceLocales: pack.audienceLocales,
    allowCaptionEdit: pack.allowCaptionEdit,
    status: pack.status,
    origin: pack.origin,
    publishAt: iso(pack.publishAt),
    expireAt: iso(pack.expireAt),
    publishedAt: iso(pack.publishedAt),
    version: pack.version,
    createdById: pack.createdById,
    createdByName: details.createdByName,
    authorIds: pack.authorIds,
    variants,
    transitions: details.history.map((row) => ({
      id: row.id,
      from: row.from,
      to: row.to,
      action: row.action,
      actorId: row.actorId,
      actorName: row.actor?.name ?? null,
      comment: row.comment,
      at: row.at.toISOString(),
    })),
    availableActions: details.availableActions,
    unavailableActions: details.unavailableActions.map(({ action, code }) => ({ action, code })),
    createdAt: pack.createdAt.toISOString(),
    updatedAt: pack.updatedAt.toISOString(),
  };
}

function toCheckDto(check: VariantCheck): PackVariantDto['check'] {
  return {
    ok: check.ok,
    length: check.length,
    limit: check.limit,
    remaining: check.remaining,
    issues: check.issues.map((found) => ({ ...found, params: { ...found.params } })),
  };
}

export function contentOfVariant(variant: PackVariant): VariantContent {
  return {
    network: variant.network,
    locale: variant.locale,
    captionTemplate: variant.captionTemplate,
    title: variant.title,
    mediaIds: variant.mediaIds,
  };
}

/** The content a pack and its variants hold, in the shape the content checks take. */
export function contentOf(pack: Pack, variants: readonly PackVariant[]): PackContent {
  return {
    title: pack.title,
    summary: pack.summary,
    destinationUrl: pack.destinationUrl,
    hashtags: pack.hashtags,
    mediaIds: pack.mediaIds,
    audienceTeamIds: pack.audienceTeamIds,
    audienceKinds: pack.audienceKinds,
    audienceLocales: pack.audienceLocales,
    allowCaptionEdit: pack.allowCaptionEdit,
    variants: variants.map(contentOfVariant),
  };
}

/** The pack's own columns of the content (variants live in their table). */
export function packColumns(content: PackContent): Partial<Pack> {
  return {
    title: content.title,
    summary: content.summary,
    destinationUrl: content.destinationUrl,
    hashtags: [...content.hashtags],
    mediaIds: [...content.mediaIds],
    audienceTeamIds: [...content.audienceTeamIds],
    audienceKinds: [...content.audienceKinds],
    audienceLocales: [...content.audienceLocales],
    allowCaptionEdit: content.allowCaptionEdit,
  };
}
