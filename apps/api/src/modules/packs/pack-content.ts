import { findNetwork, type MediaKind } from '@heimo/domain';
import { formatIssue, type Issue, parseDestinationUrl, validateVariant } from '@heimo/content';
import type { FieldError } from '../../infra/http/app-error';
import { LOCALES, type Locale, type MemberKind } from '../members/entities/member.entity';
import { HASHTAG } from './dto/pack.dto';
import {
  complianceSettings,
  type OrganisationSettings,
} from '../organisations/organisation-settings.defaults';

/** A variant as the service validates and stores it. */
export interface VariantContent {
  readonly network: string;
  readonly locale: string;
  readonly captionTemplate: string;
  readonly title: string | null;
  readonly mediaIds: readonly string[];
}

/** Everything of a pack a curator writes, besides its slug and schedule. */
export interface PackContent {
  readonly title: string;
  readonly summary: string;
  readonly destinationUrl: string | null;
  readonly hashtags: readonly string[];
  readonly mediaIds: readonly string[];
  readonly audienceTeamIds: readonly string[];
  readonly audienceKinds: readonly MemberKind[];
  readonly audienceLocales: readonly Locale[];
  readonly allowCaptionEdit: boolean;
  readonly variants: readonly VariantContent[];
}

/** What checking a pack needs from outside: the organisation's rules and which ids exist in it. */
export interface PackCheckContext {
  readonly settings: OrganisationSettings;
  /** The platform's public base URL, from which tracked links are made. */
  readonly baseUrl: string;
  /** Kinds of the organisation's media assets among the ids the pack names. */
  readonly mediaKinds: ReadonlyMap<string, MediaKind>;
  /** The organisation's teams among those the audience names. */
  readonly teamIds: ReadonlySet<string>;
}

/** One problem of a variant; `field` is the variant's own field (`captionTemplate`, `mediaIds.1`, …). */
export interface VariantIssue {
  readonly code: string;
  readonly field: string;
  readonly params: Readonly<Record<string, string | number>>;
  readonly message: string;
}

export interface VariantCheck {
  readonly ok: boolean;
  readonly length: number;
  readonly limit: number;
  readonly remaining: number;
  readonly issues: readonly VariantIssue[];
}

/** The link normalised, or the refusal as a field error naming `field`. */
export function normaliseDestination(
  raw: string | null | undefined,
  field = 'destinationUrl',
): { readonly href: string | null } | { readonly error: FieldError } {
  if (raw === null || raw === undefined || raw === '') return { href: null };
  const parsed = parseDestinationUrl(raw);
  if (parsed.ok) return { href: parsed.url.href };
  return { error: { field, code: parsed.code, message: formatIssue(parsed) } };
}

/** Where in a variant a library issue belongs. */
function variantField(issue: Issue): string {
  switch (issue.field) {
    case 'title':
      return 'title';
    case 'media':
      return 'mediaIds';
    case 'network':
      return 'network';
    default:
      // `text`, `template`, `link`, and the settings problem no caption can fix.
      return 'captionTemplate';
  }
}

function variantIssue(
  code: string,
  field: string,
  message: string,
  params: Readonly<Record<string, string | number>> = {},
): VariantIssue {
  return { code, field, params, message };
}

/**
 * Checks one variant the way the share will be checked: its network is known and enabled, its
 * locale is one Heimo speaks, its media exist in the organisation, and its template — rendered with
 * a tracked link of the real length, the worst-case name and the disclosure of every member kind in
 * the pack's audience — passes `validateVariant` (length, disclosure,
 * blocked terms, link, title, required media and media kinds). A variant without media of its own
 * is checked with the pack's.
 */
export function checkVariant(
  variant: VariantContent,
  pack: Pick<PackContent, 'title' | 'hashtags' | 'destinationUrl' | 'mediaIds' | 'audienceKinds'>,
  context: PackCheckContext,
): VariantCheck {
  const issues: VariantIssue[] = [];
  const network = findNetwork(variant.network);
  if (!network) {
    issues.push(
      variantIssue('network.unknown', 'network', `${variant.network} is not a network Heimo knows`, {
        networkId: variant.network,
      }),
    );
  } else if (!context.settings.enabledNetworks.includes(network.id)) {
    issues.push(
      variantIssue('network.disabled', 'network', `${network.label} is not enabled for the organisation`, {
        network: network.label,
      }),
    );
  }
  if (!(LOCALES as readonly string[]).includes(variant.locale)) {
    issues.push(
      variantIssue('locale.unknown', 'locale', `locale must be one of ${LOCALES.join(', ')}`, {
        locale: variant.locale,
      }),
    );
  }
  variant.mediaIds.forEach((id, index) => {
    if (!context.mediaKinds.has(id)) {
      issues.push(
        variantIssue('media.not_found', `mediaIds.${index}`, 'no such media in the organisation', {
          mediaId: id,
        }),
      );
    }
  });
  if (!network) return { ok: false, length: 0, limit: 0, remaining: 0, issues };

  const mediaIds = variant.mediaIds.length ? variant.mediaIds : pack.mediaIds;
  const media = mediaIds.flatMap((id) => {
    const kind = context.mediaKinds.get(id);
    return kind ? [{ kind }] : [];
  });
  const check = validateVariant({
    networkId: network.id,
    template: variant.captionTemplate,
    title: variant.title,
    media,
    pack: { title: pack.title, hashtags: pack.hashtags, hasLink: pack.destinationUrl !== null },
    audienceKinds: pack.audienceKinds,
    settings: complianceSettings(context.settings),
    baseUrl: context.baseUrl,
  });
  for (const found of check.issues) {
    issues.push(variantIssue(found.code, variantField(found), formatIssue(found), found.params));
  }
  return {
    ok: issues.length === 0,
    length: check.length,
    limit: check.limit,
    remaining: check.remaining,
    issues,
  };
}

/**
 * Every problem of the pack's content as field errors: `mediaIds.0`, `audienceTeamIds.1`, and per
 * variant `variants.2.captionTemplate` (with the rule's code), `variants.2` for a second variant of
 * the same network and locale.
 */
export function contentErrors(content: PackContent, context: PackCheckContext): FieldError[] {
  const errors: FieldError[] = [];
  content.mediaIds.forEach((id, index) => {
    if (!context.mediaKinds.has(id)) {
      errors.push({
        field: `mediaIds.${index}`,
        code: 'media.not_found',
        message: 'no such media in the organisation',
      });
    }
  });
  content.audienceTeamIds.forEach((id, index) => {
    if (!context.teamIds.has(id)) {
      errors.push({
        field: `audienceTeamIds.${index}`,
        code: 'team.not_found',
        message: `audienceTeamIds.${index} is not a team of the organisation`,
      });
    }
  });
  const seen = new Map<string, number>();
  content.variants.forEach((variant, index) => {
    const key = `${variant.network}\u0000${variant.locale}`;
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({
        field: `variants.${index}`,
        code: 'variant.duplicate',
        message: `variants.${first} is already the ${variant.network} variant in ${variant.locale}`,
      });
      return;
    }
    seen.set(key, index);
    for (const found of checkVariant(variant, content, context).issues) {
      errors.push({ field: `variants.${index}.${found.field}`, code: found.code, message: found.message });
    }
  });
  return errors;
}

/**
 * The rules of the pack's own fields the body's shape does not cover, checked by the service so
 * they are reported together with the content and schedule errors: a title that is not blank, and
 * hashtags of letters, digits and `_` (`hashtags.1` names the tag). Fields left out are not judged.
 */
export function fieldErrors(body: {
  readonly title?: string;
  readonly hashtags?: readonly string[];
}): FieldError[] {
  const errors: FieldError[] = [];
  if (body.title !== undefined && body.title.trim() === '') {
    errors.push({ field: 'title', code: 'pack.title_required', message: 'give the pack a title' });
  }
  body.hashtags?.forEach((tag, index) => {
    if (!HASHTAG.test(tag.trim())) {
      errors.push({
        field: `hashtags.${index}`,
        code: 'pack.hashtag_invalid',
        message: 'a hashtag is letters, digits or _ without spaces',
      });
    }
  });
  return errors;
}

/**
 * The images without a description (alternative text) among the content's media, each named where
 * the content names it (`mediaIds.0`, `variants.1.mediaIds.0`): a pack goes to review described.
 */
export function undescribedMediaErrors(
  content: Pick<PackContent, 'mediaIds' | 'variants'>,
  undescribed: ReadonlySet<string>,
): FieldError[] {
  const errors: FieldError[] = [];
  const check = (ids: readonly string[], prefix: string) =>
    ids.forEach((id, index) => {
      if (undescribed.has(id)) {
        errors.push({
          field: `${prefix}mediaIds.${index}`,
          code: 'media.alt_text_missing',
          message: 'describe the picture (its alternative text) before the pack goes to review',
        });
      }
    });
  check(content.mediaIds, '');
  content.variants.forEach((variant, index) => check(variant.mediaIds, `variants.${index}.`));
  return errors;
}

/** Every media id the content names (the pack's and its variants'), for one lookup. */
export function mediaIdsOf(content: Pick<PackContent, 'mediaIds' | 'variants'>): string[] {
  return [...new Set([...content.mediaIds, ...content.variants.flatMap((variant) => variant.mediaIds)])];
}

/** Stored without the `#` (`#Launch` → `Launch`), each tag once whatever its case, in the given order. */
export function normaliseHashtags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const tag of tags) {
    const bare = tag
      .trim()
      .replace(/^[#＃]+/u, '')
      .normalize('NFC');
    const key = bare.toLowerCase();
    if (bare === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(bare);
  }
  return out;
}
