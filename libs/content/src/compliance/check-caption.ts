import {
  extractHashtags,
  extractLinks,
  findNetwork,
  measureText,
  type MediaKind,
  type MemberKind,
  type NetworkId,
} from '@heimo/domain';
import { issue, type Issue } from '../messages';
import { normaliseDisclosure } from '../render/variables';
import { containsWord, findBlockedTerms, foldForMatching } from './blocked-terms';

/**
 * What each kind of member discloses in a caption: a hashtag (`#employee`, `#ad`) or a short text
 * (`Mainos`), or null where the organisation has set none.
 */
export type DisclosureByKind = Readonly<Record<MemberKind, string | null>>;

/** The organisation's compliance settings. */
export interface ComplianceSettings {
  /** The disclosure per member kind: employees and fans each disclose in their own words. */
  readonly disclosures: DisclosureByKind;
  /** Every caption must carry its sharer's kind's disclosure. */
  readonly disclosureRequired: boolean;
  /** Terms that must not appear; see `findBlockedTerms` for how they match. */
  readonly blockedTerms: readonly string[];
}

export interface MediaRef {
  readonly kind: MediaKind;
}

/** The disclosure a member of this kind carries, normalised (`#employee`, `Mainos`), or '' when none is set. */
export function disclosureFor(settings: Pick<ComplianceSettings, 'disclosures'>, kind: MemberKind): string {
  return normaliseDisclosure(settings.disclosures[kind]);
}

export interface CheckCaptionInput {
  readonly networkId: NetworkId;
  /** The caption exactly as it will be posted (rendered, link in). */
  readonly text: string;
  readonly settings: ComplianceSettings;
  /** The kind of member who posts it: the caption must carry that kind's disclosure. */
  readonly kind: MemberKind;
  readonly packHasLink: boolean;
  /**
   * The exact link the caption must hold: the real tracked link when sharing, the longest one when
   * validating. It is also left out of the blocked-term scan (share codes are random). Without it,
   * any link in the text satisfies `caption.link_missing`.
   */
  readonly link?: string | null;
  /** The variant's title, for networks that have one (Pinterest, e-mail subject). */
  readonly title?: string | null;
  /** The variant's media. Leave it out only where media is not being checked (a live counter). */
  readonly media?: readonly MediaRef[];
}

export interface CaptionCheck {
  readonly ok: boolean;
  /** The caption's length as the network counts it. */
  readonly length: number;
  readonly limit: number;
  /** `limit - length`; negative when over. */
  readonly remaining: number;
  readonly issues: readonly Issue[];
}

// Characters no network accepts in a post: C0/C1 controls (but tab and line breaks), lone
// surrogates, the byte-order mark, Unicode noncharacters, and the bidi embedding, override and
// isolate controls, which reorder what a reader sees (`\u202Egnp.exe` shows as "exe.png").
const INVALID_CHARACTER =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufeff\ufdd0-\ufdef\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|[\u{1fffe}\u{1ffff}\u{2fffe}\u{2ffff}\u{10fffe}\u{10ffff}]/u;

function codePointLabel(char: string): string {
  const cp = char.codePointAt(0) ?? 0;
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

// Characters that would run into a link and change where it points (or hide it from link detection).
const GLUES_BEFORE_LINK = /[\p{L}\p{N}\p{M}_]/u;
const GLUES_AFTER_LINK = /[\p{L}\p{N}\p{M}_/#?&=%+~@-]/u;

function charBefore(text: string, index: number): string {
  if (index <= 0) return '';
  const unit = text.charCodeAt(index - 1);
  const start = unit >= 0xdc00 && unit <= 0xdfff && index >= 2 ? index - 2 : index - 1;
  return String.fromCodePoint(text.codePointAt(start) ?? 0);
}

function charAfter(text: string, index: number): string {
  const cp = text.codePointAt(index);
  return cp === undefined ? '' : String.fromCodePoint(cp);
}

/** True when every occurrence of the link stands apart from the text around it. */
function linkStandsApart(text: string, link: string): boolean {
  for (let at = text.indexOf(link); at !== -1; at = text.indexOf(link, at + 1)) {
    const glued =
      GLUES_BEFORE_LINK.test(charBefore(text, at)) ||
      GLUES_AFTER_LINK.test(charAfter(text, at + link.length));
    if (glued) return false;
  }
  return true;
}

function hasDisclosure(text: string, disclosure: string): boolean {
  // A text disclosure (`Mainos`, `Paid partnership`) is looked for as whole words.
  if (!disclosure.startsWith('#')) return containsWord(text, disclosure);
  const hashtag = disclosure;
  const bare = foldForMatching(hashtag.slice(1));
  if (extractHashtags(text).some((tag) => foldForMatching(tag) === bare)) return true;
  // A tag X would not treat as a hashtag (e.g. "#2025") is looked for as a whole word instead.
  return extractHashtags(hashtag).length === 0 && containsWord(text, hashtag);
}

/**
 * Validates a caption for a network against the organisation's rules; the web editor's live
 * counter and the API's validator both call this. Checks, each with its own code: length (and
 * bytes where capped), empty text, characters no network takes, the sharer's kind's disclosure (and that
 * the organisation has set one when it requires it: `settings.disclosure_hashtag_missing`), blocked
 * terms (text and title), the pack link where the network carries it in the text, the link standing
 * apart from the words around it, the network's link and hashtag caps, the title length, and media
 * (required, kinds).
 */
export function checkCaption(input: CheckCaptionInput): CaptionCheck {
  const network = findNetwork(input.networkId);
  if (!network) {
    return {
      ok: false,
      length: 0,
      limit: 0,
      remaining: 0,
      issues: [issue('network.unknown', { networkId: String(input.networkId) }, 'network')],
    };
  }

  const { text, settings } = input;
  const name = network.label;
  const issues: Issue[] = [];
  const measured = measureText(text, network.caption);

  if (text.trim() === '') issues.push(issue('caption.empty', {}, 'text'));
  if (measured.length > measured.limit) {
    issues.push(
      issue('caption.too_long', { length: measured.length, limit: measured.limit, network: name }, 'text'),
    );
  }
  if (measured.bytes !== null && measured.maxUtf8Bytes !== null && measured.bytes > measured.maxUtf8Bytes) {
    issues.push(
      issue(
        'caption.too_many_bytes',
        { bytes: measured.bytes, limit: measured.maxUtf8Bytes, network: name },
        'text',
      ),
    );
  }

  const invalid = INVALID_CHARACTER.exec(text);
  if (invalid)
    issues.push(issue('caption.invalid_character', { codePoint: codePointLabel(invalid[0]) }, 'text'));

  const disclosure = disclosureFor(settings, input.kind);
  if (settings.disclosureRequired && disclosure === '') {
    // A settings problem, not the caption's: no caption can pass until an admin sets the hashtag.
    issues.push(issue('settings.disclosure_hashtag_missing'));
  } else if (settings.disclosureRequired && !hasDisclosure(text, disclosure)) {
    issues.push(issue('caption.disclosure_missing', { hashtag: disclosure }, 'text'));
  }

  const scanned = input.link ? text.split(input.link).join(' ') : text;
  for (const term of findBlockedTerms(scanned, settings.blockedTerms)) {
    issues.push(issue('caption.blocked_term', { term }, 'text'));
  }

  if (input.packHasLink && network.linkPlacement === 'text') {
    const holdsLink = input.link ? text.includes(input.link) : extractLinks(text).length > 0;
    if (!holdsLink) issues.push(issue('caption.link_missing', {}, 'text'));
  }
  if (input.link && text.includes(input.link) && !linkStandsApart(text, input.link)) {
    issues.push(issue('caption.link_not_separated', {}, 'text'));
  }

  const { maxLinks, maxHashtags } = network.caption;
  if (maxLinks !== undefined) {
    const count = new Set(extractLinks(text)).size;
    if (count > maxLinks)
      issues.push(issue('caption.too_many_links', { count, max: maxLinks, network: name }, 'text'));
  }
  if (maxHashtags !== undefined) {
    const count = extractHashtags(text).length;
    if (count > maxHashtags)
      issues.push(issue('caption.too_many_hashtags', { count, max: maxHashtags, network: name }, 'text'));
  }

  const title = input.title ?? '';
  if (title !== '') {
    if (network.title) {
      const measuredTitle = measureText(title, network.title);
      if (!measuredTitle.fits) {
        issues.push(
          issue(
            'variant.title_too_long',
            { length: measuredTitle.length, limit: measuredTitle.limit, network: name },
            'title',
          ),
        );
      }
    }
    for (const term of findBlockedTerms(title, settings.blockedTerms)) {
      issues.push(issue('caption.blocked_term', { term }, 'title'));
    }
  }

  if (input.media) {
    if (network.media.required && input.media.length === 0) {
      issues.push(issue('variant.media_required', { network: name }, 'media'));
    }
    // A network that takes no media at all (e-mail) simply leaves the variant's media out.
    if (network.media.kinds.length > 0) {
      const refused = new Set(
        input.media.map((m) => m.kind).filter((kind) => !network.media.kinds.includes(kind)),
      );
      for (const kind of refused)
        issues.push(issue('variant.media_kind_not_supported', { kind, network: name }, 'media'));
    }
  }

  return {
    ok: issues.length === 0,
    length: measured.length,
    limit: measured.limit,
    remaining: measured.remaining,
    issues,
  };
}
