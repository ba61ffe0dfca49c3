import {
  findNetwork,
  getNetwork,
  MEMBER_KINDS,
  measureText,
  type MemberKind,
  type NetworkId,
} from '@heimo/domain';
import { sampleTrackedLink } from '../links/tracked-link';
import { issue, type Issue } from '../messages';
import { composeEditedCaption } from '../render/edited-caption';
import { renderCaption, renderCaptionForValidation, type CaptionContext } from '../render/render-caption';
import type { RenderedTemplate } from '../render/template';
import {
  checkCaption,
  disclosureFor,
  type CaptionCheck,
  type ComplianceSettings,
  type MediaRef,
} from './check-caption';

export interface ValidateVariantInput {
  readonly networkId: NetworkId;
  /** The variant's caption template (Handlebars). */
  readonly template: string;
  readonly title?: string | null;
  readonly media: readonly MediaRef[];
  readonly pack: { readonly title: string; readonly hashtags: readonly string[]; readonly hasLink: boolean };
  /** The kinds of member the pack is for; each of them must be able to share it. Empty means every kind. */
  readonly audienceKinds: readonly MemberKind[];
  readonly settings: ComplianceSettings;
  /** The platform's public base URL, from which tracked links are made (`<base>/r/<code>`). */
  readonly baseUrl: string;
  /** The first name the preview shows (the editor's own); null or left out for none. */
  readonly previewFirstName?: string | null;
}

/** The caption an editor shows, as one advocate would post it, and its length as the network counts it. */
export interface VariantPreview {
  readonly text: string;
  readonly length: number;
  /** Whose caption it is: the audience's kind with the longest caption (its disclosure). */
  readonly kind: MemberKind;
}

export interface VariantCheck extends CaptionCheck {
  /** The preview (sample link of the real length, the preview name); null when the template does not render. */
  readonly preview: VariantPreview | null;
  /**
   * How much more than the preview the check counts: room kept for text that differs per advocate
   * (their first name, up to the longest a name can count). `length = preview.length + reserved`.
   */
  readonly reserved: number;
}

function failed(networkId: NetworkId, rendered: Extract<RenderedTemplate, { ok: false }>): VariantCheck {
  const limit = findNetwork(networkId)?.caption.limit ?? 0;
  return {
    ok: false,
    length: 0,
    limit,
    remaining: limit,
    issues: rendered.issues,
    preview: null,
    reserved: 0,
  };
}

function audience(kinds: readonly MemberKind[]): readonly MemberKind[] {
  const known = MEMBER_KINDS.filter((kind) => kinds.includes(kind));
  return known.length > 0 ? known : MEMBER_KINDS;
}

/**
 * Validates a variant: for every kind of member in its audience (each with its own disclosure), it
 * renders the template with a tracked link of the real length and runs {@link checkCaption} on the
 * result twice — once with the worst-case first name (the longest a name can count) and once with
 * no name (so text inside `{{#if advocate.firstName}}` is not relied on) — and reports the problems
 * of all. A variant that passes fits its network with any real link, any advocate's name and the
 * disclosure of any kind in its audience. Length figures are those of the longest render; the
 * preview is the caption the kind with the longest one would post, named `previewFirstName`.
 * Throws a RangeError when `baseUrl` is not a valid base URL (a configuration error).
 */
export function validateVariant(input: ValidateVariantInput): VariantCheck {
  if (!findNetwork(input.networkId)) {
    return {
      ok: false,
      length: 0,
      limit: 0,
      remaining: 0,
      issues: [issue('network.unknown', { networkId: String(input.networkId) }, 'network')],
      preview: null,
      reserved: 0,
    };
  }
  const link = input.pack.hasLink ? sampleTrackedLink(input.baseUrl) : null;
  const pack = { title: input.pack.title, hashtags: input.pack.hashtags };
  const check = (text: string, kind: MemberKind) =>
    checkCaption({
      networkId: input.networkId,
      text,
      settings: input.settings,
      kind,
      packHasLink: input.pack.hasLink,
      link,
      title: input.title ?? null,
      media: input.media,
    });

  let longest: { check: CaptionCheck; kind: MemberKind; disclosure: string } | null = null;
  const issues: Issue[] = [];
  const seen = new Set<string>();
  const report = (found: readonly Issue[]) => {
    for (const i of found) {
      if (seen.has(issueKey(i))) continue;
      seen.add(issueKey(i));
      issues.push(i);
    }
  };
  for (const kind of audience(input.audienceKinds)) {
    const disclosure = disclosureFor(input.settings, kind);
    const context = { link, pack, disclosure };
    const worst = renderCaptionForValidation(input.template, context);
    if (!worst.ok) return failed(input.networkId, worst);
    const unnamed = renderCaption(input.template, { ...context, advocateFirstName: null });
    if (!unnamed.ok) return failed(input.networkId, unnamed);
    for (const rendered of [worst.text, unnamed.text]) {
      const checked = check(rendered, kind);
      report(checked.issues);
      if (!longest || checked.length > longest.check.length) longest = { check: checked, kind, disclosure };
    }
  }
  if (!longest) throw new Error('unreachable: an audience has at least one kind');

  const previewed = renderCaption(input.template, {
    link,
    pack,
    disclosure: longest.disclosure,
    advocateFirstName: input.previewFirstName ?? null,
  });
  const network = getNetwork(input.networkId);
  const preview = previewed.ok
    ? {
        text: previewed.text,
        length: measureText(previewed.text, network.caption).length,
        kind: longest.kind,
      }
    : null;
  const { length, limit, remaining } = longest.check;
  return {
    ok: issues.length === 0,
    length,
    limit,
    remaining,
    issues,
    preview,
    reserved: preview ? Math.max(0, length - preview.length) : 0,
  };
}

/** Same problem in several renders: same code, field and wording parameters (counts may differ). */
function issueKey(i: Issue): string {
  const words = Object.entries(i.params).filter(([, value]) => typeof value === 'string');
  return JSON.stringify([i.code, i.field ?? null, words]);
}

export interface ValidateEditedCaptionInput {
  readonly networkId: NetworkId;
  /** What the advocate typed, with `[link]` where the link goes. */
  readonly text: string;
  readonly settings: ComplianceSettings;
  /** The advocate's kind: the caption must carry that kind's disclosure. */
  readonly kind: MemberKind;
  readonly packHasLink: boolean;
  readonly baseUrl: string;
  readonly title?: string | null;
  readonly media?: readonly MediaRef[];
}

/** Validates an advocate's edited caption as it will be posted, with a tracked link of the real length. */
export function validateEditedCaption(input: ValidateEditedCaptionInput): CaptionCheck {
  const link = input.packHasLink ? sampleTrackedLink(input.baseUrl) : null;
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
  readonly context: Omit<CaptionContext, 'link' | 'disclosure'>;
  /** The sharer's kind: their caption carries, and must carry, that kind's disclosure. */
  readonly kind: MemberKind;
  /** The share's real tracked link; null when the pack has no link. */
  readonly link: string | null;
  readonly settings: ComplianceSettings;
  readonly title?: string | null;
  readonly media: readonly MediaRef[];
}

export type ShareCaption = CaptionCheck & { readonly text: string };

/**
 * The final caption of a share and its check, in one call for the share command: the edited text
 * composed with the real link, or the template rendered with it and the sharer's kind's
 * disclosure, then {@link checkCaption}.
 */
export function composeShareCaption(input: ShareCaptionInput): ShareCaption {
  let text: string;
  if (input.editedText !== null) {
    text = findNetwork(input.networkId)
      ? composeEditedCaption({ networkId: input.networkId, text: input.editedText, link: input.link })
      : input.editedText;
  } else {
    const rendered = renderCaption(input.template, {
      ...input.context,
      link: input.link,
      disclosure: disclosureFor(input.settings, input.kind),
    });
    if (!rendered.ok) return { ...failed(input.networkId, rendered), text: '' };
    text = rendered.text;
  }
  const check = checkCaption({
    networkId: input.networkId,
    text,
    settings: input.settings,
    kind: input.kind,
    packHasLink: input.link !== null,
    link: input.link,
    title: input.title ?? null,
    media: input.media,
  });
  return { ...check, text };
}
