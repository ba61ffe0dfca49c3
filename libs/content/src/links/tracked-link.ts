import { parseDestinationUrl, type LinkRefusal } from './destination-url';

/** Share codes are base62 (`0-9A-Za-z`), 6 to 16 characters; the API may generate any length in between. */
export const SHARE_CODE_MIN_LENGTH = 6;
export const SHARE_CODE_MAX_LENGTH = 16;
export const SHARE_CODE_PATTERN = /^[0-9A-Za-z]{6,16}$/;
/**
 * The length of every new share code. Captions are checked and previewed with a link of exactly
 * this length ({@link sampleTrackedLink}), so the counter, the check and the posted caption agree.
 */
export const SHARE_CODE_LENGTH = 10;
/** The code of the sample link: base62, {@link SHARE_CODE_LENGTH} characters. */
const SAMPLE_SHARE_CODE = 'Ab3dE9xK2q';

/** Path prefix of tracked links on the public host: `<base>/r/<code>`. */
export const TRACKED_LINK_PATH = '/r/';

export function isShareCode(value: unknown): value is string {
  return typeof value === 'string' && SHARE_CODE_PATTERN.test(value);
}

export type ParsedBaseUrl = { readonly ok: true; readonly base: string } | LinkRefusal;

/**
 * Validates the platform's public base URL (e.g. `https://heimo.example.com` or
 * `https://example.com/advocacy`): an http(s) URL without query or fragment. Returned without a
 * trailing slash.
 */
export function parseTrackedLinkBase(baseUrl: string): ParsedBaseUrl {
  const parsed = parseDestinationUrl(baseUrl);
  if (!parsed.ok) return parsed;
  const { url } = parsed;
  if (url.query !== null || url.fragment !== null)
    return { ok: false, code: 'link.query_not_allowed', params: {} };
  return { ok: true, base: url.href.replace(/\/+$/, '') };
}

/** `<base>/r/<code>`; throws a RangeError for a bad base URL or share code (both are programming errors). */
export function buildTrackedLink(baseUrl: string, code: string): string {
  const parsed = parseTrackedLinkBase(baseUrl);
  if (!parsed.ok) throw new RangeError(`Invalid tracked-link base URL (${parsed.code}): ${baseUrl}`);
  if (!isShareCode(code)) throw new RangeError(`Invalid share code: ${code}`);
  return `${parsed.base}${TRACKED_LINK_PATH}${code}`;
}

/**
 * The longest tracked link the platform can produce for this base: a share code of
 * {@link SHARE_CODE_MAX_LENGTH} characters. Validation renders captions with it, so a caption that
 * validates still fits once the real (never longer) link is in.
 */
export function longestTrackedLink(baseUrl: string): string {
  return buildTrackedLink(baseUrl, 'Z'.repeat(SHARE_CODE_MAX_LENGTH));
}

/**
 * A tracked link as long as every real one ({@link SHARE_CODE_LENGTH}-character code): what editors
 * preview and validation renders captions with. Every network counts a link by its length (or as
 * a fixed length), never by its letters, so a caption that fits with it fits with any real link.
 */
export function sampleTrackedLink(baseUrl: string): string {
  return buildTrackedLink(baseUrl, SAMPLE_SHARE_CODE);
}
