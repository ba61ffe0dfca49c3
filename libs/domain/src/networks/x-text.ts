// The reference makes the local typing reach every program that compiles this file from source
// (the API and the web client import the libs by path), not only this library's own tsconfig; an
// ambient module declaration cannot be imported, so the reference is the only way to carry it.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./twitter-text.d.ts" />
import twitterText from 'twitter-text';
import { graphemeSegmenter } from './graphemes';

/** An emoji twitter-text's tables know (weight 2); it stands in for emoji they do not. */
const KNOWN_EMOJI = '\u{1F600}';
const MAY_HOLD_EMOJI = /[\p{Extended_Pictographic}\p{Regional_Indicator}\u20e3]/u;
const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;
const FLAG = /^\p{Regional_Indicator}{2}$/u;
const KEYCAP = /^([0-9#*])\ufe0f?\u20e3$/u;

/**
 * The text as twitter-text should see it to count like X: every emoji of more than one code point
 * (ZWJ sequences, skin tones, flags, keycaps, tag sequences …) becomes one emoji the pinned tables
 * know, so it weighs 2 however new it is. A keycap keeps its digit, `#` or `*`, and everything else
 * stays as it is, so links are found exactly as in the original text (an emoji never belongs to a
 * link). Single code points are left to twitter-text, which already weighs any emoji there 2 and
 * text-style `©` and `®` 1, as X does. Without `Intl.Segmenter` the text is unchanged, which never
 * counts less.
 */
export function xCountingText(text: string): string {
  if (!MAY_HOLD_EMOJI.test(text)) return text;
  const seg = graphemeSegmenter();
  if (!seg) return text;
  let out = '';
  for (const { segment } of seg.segment(text)) {
    const single = segment.length === 1 || (segment.length === 2 && (segment.codePointAt(0) ?? 0) > 0xffff);
    const keycap = KEYCAP.exec(segment);
    if (keycap) out += `${keycap[1]}\u20e3`;
    else if (!single && (PICTOGRAPHIC.test(segment) || FLAG.test(segment))) out += KNOWN_EMOJI;
    else out += segment;
  }
  return out;
}

/** twitter-text's v3 configuration (CJK and emoji 2) with each recognised link counting `linkLength`. */
const configs = new Map<number, ReturnType<typeof configFor>>();
function configFor(linkLength: number) {
  return { ...twitterText.configs.version3, transformedURLLength: linkLength };
}

/**
 * Weighted length with the official twitter-text rules (v3 config: CJK and emoji 2, every link it
 * recognises counting `linkLength`, 23 unless told), with every emoji weighing 2 even where the
 * pinned tables predate it (see {@link xCountingText}).
 */
export function countXWeighted(
  text: string,
  linkLength = twitterText.configs.version3.transformedURLLength,
): number {
  let config = configs.get(linkLength);
  if (!config) configs.set(linkLength, (config = configFor(linkLength)));
  return twitterText.parseTweet(xCountingText(text), config).weightedLength;
}

/** URLs as X recognises them, with or without a scheme (`example.com` counts). */
export function extractLinks(text: string): string[] {
  return twitterText.extractUrls(text);
}

/**
 * Links written with their `http://` or `https://` scheme, with their UTF-16 offsets, found as
 * twitter-text finds them (what Mastodon counts as links: it extracts them with the same rules and
 * `extract_url_without_protocol: false`).
 */
export function extractSchemeLinks(text: string): { url: string; start: number; end: number }[] {
  return twitterText
    .extractUrlsWithIndices(text, { extractUrlsWithoutProtocol: false })
    .map(({ url, indices: [start, end] }) => ({ url, start, end }));
}

/** Hashtags as X recognises them, without the leading `#`, in order of appearance. */
export function extractHashtags(text: string): string[] {
  return twitterText.extractHashtags(text);
}
