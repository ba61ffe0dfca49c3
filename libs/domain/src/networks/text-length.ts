import type { LengthCounting, TextRule } from './network';
import { graphemeSegmenter, splitGraphemes } from './graphemes';
import { countXWeighted, extractSchemeLinks } from './x-text';

export { splitGraphemes };

/** Unicode code points; a lone surrogate counts as one. */
export function countCodePoints(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

/**
 * Grapheme clusters (what a person sees as one character). Without Intl.Segmenter this counts code
 * points, which is never fewer, so a caption that passes the fallback also passes the real rule.
 */
export function countGraphemes(text: string): number {
  const seg = graphemeSegmenter();
  if (!seg) return countCodePoints(text);
  let count = 0;
  for (const _ of seg.segment(text)) count++;
  return count;
}

/** UTF-8 byte length; a lone surrogate counts 3, as its U+FFFD replacement would. */
export function countUtf8Bytes(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const cp = char.codePointAt(0) ?? 0;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return bytes;
}

const EMOJI_CLUSTER = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3/u;

/**
 * Threads counts code points, except that an emoji counts as its UTF-8 byte length
 * (Threads API, "Emojis are counted as the number of UTF-8 bytes").
 */
export function countThreads(text: string): number {
  let count = 0;
  for (const cluster of splitGraphemes(text)) {
    count += EMOJI_CLUSTER.test(cluster) ? countUtf8Bytes(cluster) : countCodePoints(cluster);
  }
  return count;
}

const COUNTERS: Readonly<Record<LengthCounting, (text: string, linkLength?: number) => number>> = {
  code_points: countCodePoints,
  graphemes: countGraphemes,
  x_weighted: countXWeighted,
  threads: countThreads,
};

/**
 * The text with every `http(s)://` link replaced by `linkLength` letters `x`, so that counting it
 * counts each link `linkLength` whatever its length (Mastodon's rule: a link counts 23).
 */
export function withFixedLengthLinks(text: string, linkLength: number): string {
  if (!text.includes(':')) return text;
  const links = extractSchemeLinks(text);
  if (links.length === 0) return text;
  const placeholder = 'x'.repeat(linkLength);
  let out = '';
  let at = 0;
  for (const { start, end } of links) {
    out += text.slice(at, start) + placeholder;
    at = end;
  }
  return out + text.slice(at);
}

/**
 * Length of `text` measured the way `counting` says; `linkLength` is the rule's own (what each link
 * counts where the network counts links as a fixed length, see {@link TextRule.linkLength}). The X
 * weighting finds its own links; every other counting counts each `http(s)://` link `linkLength`.
 */
export function countLength(text: string, counting: LengthCounting, linkLength?: number): number {
  if (linkLength === undefined || counting === 'x_weighted') return COUNTERS[counting](text, linkLength);
  return COUNTERS[counting](withFixedLengthLinks(text, linkLength));
}

export interface MeasuredText {
  readonly length: number;
  readonly limit: number;
  /** Negative when the text is over the limit. */
  readonly remaining: number;
  /** UTF-8 bytes, where the rule also caps bytes; otherwise null. */
  readonly bytes: number | null;
  readonly maxUtf8Bytes: number | null;
  readonly fits: boolean;
}

/** Measures text against a rule (length and, where capped, UTF-8 bytes). */
export function measureText(text: string, rule: TextRule): MeasuredText {
  const length = countLength(text, rule.counting, rule.linkLength);
  const maxUtf8Bytes = rule.maxUtf8Bytes ?? null;
  const bytes = maxUtf8Bytes === null ? null : countUtf8Bytes(text);
  const fits = length <= rule.limit && (bytes === null || maxUtf8Bytes === null || bytes <= maxUtf8Bytes);
  return { length, limit: rule.limit, remaining: rule.limit - length, bytes, maxUtf8Bytes, fits };
}
