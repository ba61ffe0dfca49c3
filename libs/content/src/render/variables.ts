import { countCodePoints, extractLinks, splitGraphemes } from '@heimo/domain';

/** The variables a variant template may use; anything else is `template.unknown_variable`. */
export const VARIANT_TEMPLATE_VARIABLES = [
  'link',
  'hashtags',
  'disclosure',
  'advocate.firstName',
  'pack.title',
] as const;
export type VariantTemplateVariable = (typeof VARIANT_TEMPLATE_VARIABLES)[number];

/** The object a compiled template is rendered with. */
export interface TemplateVariables {
  readonly link: string;
  readonly hashtags: string;
  readonly disclosure: string;
  readonly advocate: { readonly firstName: string };
  readonly pack: { readonly title: string };
}

/**
 * Longest first name put into a caption, in code points; longer names are cut at a grapheme
 * boundary. Validation renders {@link VALIDATION_FIRST_NAME} instead of a real name, which counts
 * at least as much as any name this long under every network's counting.
 */
export const FIRST_NAME_MAX_CODE_POINTS = 24;

/**
 * The stand-in for `advocate.firstName` when validating: 24 emoji between two Latin letters. It is
 * 26 code points and 26 graphemes, weighs 50 on X and 98 on Threads and takes 98 UTF-8 bytes, so no
 * sanitised name of 24 code points counts more on any network. The letters at both ends make it
 * stick to its neighbours the way most real names do: `#{{advocate.firstName}}` forms a hashtag,
 * and a name glued to `{{link}}` or `{{disclosure}}` breaks them, which validation then reports.
 */
export const VALIDATION_FIRST_NAME = `W${'\u{1F600}'.repeat(FIRST_NAME_MAX_CODE_POINTS)}W`;

const NAME_DROPPED = /[#＃@＠]|[\p{Cc}]|(?!\u200d)\p{Cf}/gu;

/**
 * A first name made safe for a caption: no hashtag or mention signs, no control characters, no
 * link-like dots, single spaces, at most {@link FIRST_NAME_MAX_CODE_POINTS} code points.
 *
 * Remembered per name (the most recent thousand): the link search and the grapheme
 * split cost about 12 µs a name, and a feed page renders every variant of every pack for the same
 * member, so the same name came through here dozens of times a request.
 */
export function captionFirstName(name: string | null | undefined): string {
  return name ? firstNames.get(name, sanitiseFirstName) : '';
}

/**
 * The results of a pure string function for its most recent {@link size} arguments (oldest
 * forgotten first), for the caption variables a feed page computes over and over.
 */
class Remembered {
  private readonly results = new Map<string, string>();

  constructor(private readonly size: number) {}

  get(key: string, compute: (key: string) => string): string {
    const known = this.results.get(key);
    if (known !== undefined) return known;
    const result = compute(key);
    this.results.set(key, result);
    if (this.results.size > this.size) {
      const oldest = this.results.keys().next().value;
      if (oldest !== undefined) this.results.delete(oldest);
    }
    return result;
  }
}

const firstNames = new Remembered(1_000);
const hashtagLists = new Remembered(1_000);

function sanitiseFirstName(name: string): string {
  let clean = name.normalize('NFC').replace(NAME_DROPPED, '').replace(/\s+/gu, ' ').trim();
  if (extractLinks(clean).length > 0) clean = clean.replace(/[.:/]/g, ' ').replace(/\s+/gu, ' ').trim();
  let out = '';
  let used = 0;
  for (const grapheme of splitGraphemes(clean)) {
    const size = countCodePoints(grapheme);
    if (used + size > FIRST_NAME_MAX_CODE_POINTS) break;
    out += grapheme;
    used += size;
  }
  return out.trim();
}

/** The first word of a full name ("Anna-Kaisa Virtanen" → "Anna-Kaisa"). */
export function firstNameOf(fullName: string | null | undefined): string {
  return (fullName ?? '').trim().split(/\s+/u)[0] ?? '';
}

/** `#tag` form of a disclosure hashtag setting, or '' when none is set. */
export function normaliseHashtag(tag: string | null | undefined): string {
  const bare = (tag ?? '')
    .trim()
    .replace(/^[#＃]+/u, '')
    .replace(/\s+/gu, '');
  return bare === '' ? '' : `#${bare}`;
}

/**
 * A disclosure setting as caption text: a hashtag (`#employee`, normalised like
 * {@link normaliseHashtag}) when it starts with `#`, otherwise a short text (`Mainos`) with its
 * white space made single spaces; '' when none is set.
 */
export function normaliseDisclosure(value: string | null | undefined): string {
  const trimmed = (value ?? '').trim();
  if (/^[#＃]/u.test(trimmed)) return normaliseHashtag(trimmed);
  return trimmed.replace(/\s+/gu, ' ').normalize('NFC');
}

/** Pack hashtags as caption text: `#`-prefixed, spaces removed, duplicates (any case) dropped, one space apart. */
export function formatHashtags(tags: readonly string[]): string {
  // A pack's tags are formatted once for all of its variants.
  return tags.length === 0 ? '' : hashtagLists.get(JSON.stringify(tags), () => formatTagList(tags));
}

function formatTagList(tags: readonly string[]): string {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const tag of tags) {
    const formatted = normaliseHashtag(tag);
    const key = formatted.toLowerCase();
    if (formatted === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(formatted);
  }
  return out.join(' ');
}
