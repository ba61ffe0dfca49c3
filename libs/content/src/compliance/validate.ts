import { findNetwork, type NetworkId } from '@heimo/domain';
import { longestTrackedLink } from '../links/tracked-link';
import { issue, type Issue } from '../messages';
import { composeEditedCaption } from '../render/edited-caption';
import { renderCaption, renderCaptionForValidation, type CaptionContext } from '../render/render-caption';
import type { RenderedTemplate } from '../render/template';
import { checkCaption, type CaptionCheck, type ComplianceSettings, type MediaRef } from './check-caption';

export interface ValidateVariantInput {
  readonly networkId: NetworkId;
  /** The variant's caption template (Handlebars). */
  readonly template: string;
  readonly title?: string | null;
  readonly media: readonly MediaRef[];
  readonly pack: { readonly title: string; readonly hashtags: readonly string[]; readonly hasLink: boolean };
  readonly settings: ComplianceSettings;
  /** The platform's public base URL, from which tracked links are made (`<base>/r/<code>`). */
  readonly baseUrl: string;
}

function failed(networkId: NetworkId, rendered: Extract<RenderedTemplate, { ok: false }>): CaptionCheck {
  const limit = findNetwork(networkId)?.caption.limit ?? 0;
  return { ok: false, length: 0, limit, remaining: limit, issues: rendered.issues };
}

/**
 * Validates a variant: renders its template with the longest tracked link the platform can make
 * and runs {@link checkCaption} on the result, twice — once with the worst-case first name (the
 * longest a name can count) and once with no name (so text inside `{{#if advocate.firstName}}` is
 * not relied on) — and reports the problems of both. A variant that passes fits its network with
 * any real link and any advocate's name. Length figures are those of the worst case. Throws a
 * RangeError when `baseUrl` is not a valid base URL (a configuration error).
 */
export function validateVariant(input: ValidateVariantInput): CaptionCheck {
  if (!findNetwork(input.networkId)) {
    return {
      ok: false,
      length: 0,
      limit: 0,
      remaining: 0,
      issues: [issue('network.unknown', { networkId: String(input.networkId) }, 'network')],
    };
  }
  const link = input.pack.hasLink ? longestTrackedLink(input.baseUrl) : null;
  const context = {
    link,
    pack: { title: input.pack.title, hashtags: input.pack.hashtags },
    disclosureHashtag: input.settings.disclosureHashtag,
  };
  const check = (text: string) =>
    checkCaption({
      networkId: input.networkId,
      text,
      settings: input.settings,
      packHasLink: input.pack.hasLink,
      link,
      title: input.title ?? null,
      media: input.media,
    });

  const worst = renderCaptionForValidation(input.template, context);
  if (!worst.ok) return failed(input.networkId, worst);
  const worstCheck = check(worst.text);
  const unnamed = renderCaption(input.template, { ...context, advocateFirstName: null });
  const unnamedIssues = unnamed.ok ? check(unnamed.text).issues : unnamed.issues;

  const seen = new Set(worstCheck.issues.map(issueKey));
  const issues = [...worstCheck.issues, ...unnamedIssues.filter((i) => !seen.has(issueKey(i)))];
  return { ...worstCheck, ok: issues.length === 0, issues };
}

/** Same problem in both renders: same code, field and wording parameters (counts may differ). */
function issueKey(i: Issue): string {
  const words = Object.entries(i.params).filter(([, value]) => typeof value === 'string');
  return JSON.stringify([i.code, i.field ?? null, words]);
}

export interface ValidateEditedCaptionInput {
  readonly networkId: NetworkId;
  /** What the advocate typed, with `[link]` where the link goes. */
  readonly text: string;
  readonly settings: ComplianceSettings;
  readonly packHasLink: boolean;
  readonly baseUrl: string;
  readonly title?: string | null;
  readonly media?: readonly MediaRef[];
}

/** Validates an advocate's edited caption as it will be posted with the longest possible tracked link. */
export function validateEditedCaption(input: ValidateEditedCaptionInput): CaptionCheck {
  const link = input.packHasLink ? longestTrackedLink(input.baseUrl) : null;
  const text = findNetwork(input.networkId)
    ? composeEditedCaption({ networkId: input.networkId, text: input.text, link })
    : input.text;
  return checkCaption({ ...input, text, link });
}

export interface ShareCaptionInput {
  readonly networkId: NetworkId;
  readonly template: string;
  /** The advocate's edited text, when the pack lets advocates edit and they did; otherwise null. */
  readonly editedText: string | null;
  readonly context: Omit<CaptionContext, 'link'>;
  /** The share's real tracked link; null when the pack has no link. */
  readonly link: string | null;
  readonly settings: ComplianceSettings;
  readonly title?: string | null;
  readonly media: readonly MediaRef[];
}

export type ShareCaption = CaptionCheck & { readonly text: string };

/**
 * The final caption of a share and its check, in one call for the share command: the edited text
 * composed with the real link, or the template rendered with it, then {@link checkCaption}.
 */
export function composeShareCaption(input: ShareCaptionInput): ShareCaption {
  let text: string;
  if (input.editedText !== null) {
    text = findNetwork(input.networkId)
      ? composeEditedCaption({ networkId: input.networkId, text: input.editedText, link: input.link })
      : input.editedText;
  } else {
    const rendered = renderCaption(input.template, { ...input.context, link: input.link });
    if (!rendered.ok) return { ...failed(input.networkId, rendered), text: '' };
    text = rendered.text;
  }
  const check = checkCaption({
    networkId: input.networkId,
    text,
    settings: input.settings,
    packHasLink: input.link !== null,
    link: input.link,
    title: input.title ?? null,
    media: input.media,
  });
  return { ...check, text };
}
