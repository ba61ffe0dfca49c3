// The editor's live check of a variant: the rules library's own `validateVariant`, with the
// organisation's rules from /api/organisation/sharing-rules, exactly as the API checks a save.
import {
  formatIssue,
  isMessageLocale,
  MESSAGES,
  parseDestinationUrl,
  validateVariant,
  type IssueCode,
  type MediaRef,
  type MessageLocale,
  type VariantCheck,
} from '@heimo/content';
import { findNetwork } from '@heimo/domain';
import type { MediaAsset } from '../hooks/uploadMedia';
import type { SharingRules } from '../hooks/useSharingRules';
import type { PackForm, VariantDraft } from './packForm';

/** The media a variant is checked with: its own, else the pack's (as the API does); unknown kinds are left out. */
export function variantMedia(
  variant: VariantDraft,
  form: PackForm,
  assets: Readonly<Record<string, MediaAsset>>,
): MediaRef[] {
  const ids = variant.mediaIds.length > 0 ? variant.mediaIds : form.mediaIds;
  return ids.flatMap((id) => {
    const asset = assets[id];
    return asset ? [{ kind: asset.kind }] : [];
  });
}

/**
 * `validateVariant` for one tab, with its preview as an advocate named `previewFirstName` would post
 * it (a sample tracked link of the real length); null while the rules load or for a network Heimo
 * does not know.
 */
export function checkVariantLive(
  variant: VariantDraft,
  form: PackForm,
  rules: SharingRules | undefined,
  media: readonly MediaRef[],
  previewFirstName: string | null = null,
): VariantCheck | null {
  const network = findNetwork(variant.network);
  if (!rules || !network) return null;
  try {
    return validateVariant({
      networkId: network.id,
      template: variant.captionTemplate,
      title: variant.title.trim() || null,
      media,
      pack: { title: form.title, hashtags: form.hashtags, hasLink: form.destinationUrl.trim() !== '' },
      audienceKinds: form.audienceKinds,
      settings: rules.compliance,
      baseUrl: rules.linkBaseUrl,
      previewFirstName,
    });
  } catch {
    // Only a broken link base throws; the API reports that itself on save.
    return null;
  }
}

export function messageLocale(language: string): MessageLocale {
  const base = language.split('-')[0] ?? 'en';
  return isMessageLocale(base) ? base : 'en';
}

/** An issue in the reader's language from the content catalogue, or null for a code it does not hold. */
export function contentMessage(
  issue: { code: string; params?: Readonly<Record<string, string | number>> },
  locale: MessageLocale,
): string | null {
  if (!(issue.code in MESSAGES[locale])) return null;
  return formatIssue({ code: issue.code as IssueCode, params: issue.params ?? {} }, locale);
}

/** A catalogue message that needs no parameters (placeholders would show otherwise). */
function plainContentMessage(code: string, locale: MessageLocale): string | null {
  const text = contentMessage({ code }, locale);
  return text !== null && !/\{\w+\}/.test(text) ? text : null;
}

/**
 * Words for a field error of a pack save. A problem's `errors[]` carries no parameters, so the
 * numbers come from the same library functions run here: the live check of the variant the field
 * names, or `parseDestinationUrl` of the link. Null when the catalogue has nothing fitting.
 */
export function describeContentError(
  error: { field: string; code: string },
  checks: readonly (VariantCheck | null)[],
  form: PackForm,
  locale: MessageLocale,
): string | null {
  const variant = /^variants\.(\d+)\./.exec(error.field);
  if (variant) {
    const found = checks[Number(variant[1])]?.issues.find((issue) => issue.code === error.code);
    if (found) return contentMessage(found, locale);
  }
  if (error.field === 'destinationUrl') {
    const parsed = parseDestinationUrl(form.destinationUrl);
    if (!parsed.ok && parsed.code === error.code) return contentMessage(parsed, locale);
  }
  return plainContentMessage(error.code, locale);
}
