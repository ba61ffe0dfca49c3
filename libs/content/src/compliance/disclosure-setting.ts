import { extractLinks } from '@heimo/domain';

/** Longest disclosure an organisation may set, in UTF-16 units. */
export const DISCLOSURE_MAX_LENGTH = 50;

const HASHTAG = /^#[\p{L}\p{N}_]{1,49}$/u;
// Words, digits and sentence punctuation, starting with a letter or digit: `Mainos`, `Paid partnership`.
const TEXT = /^[\p{L}\p{N}][\p{L}\p{N}\p{M} .,:;!?'’&()+/-]*$/u;

/**
 * True for a disclosure an organisation may set for a member kind: a hashtag (`#employee`, `#`
 * and 1–49 letters, digits or `_`) or a short text (`Mainos`, `Kaupallinen yhteistyö`) of at most
 * {@link DISCLOSURE_MAX_LENGTH} characters with no link or `#` in it. No surrounding white space.
 */
export function isDisclosureSetting(value: unknown): value is string {
  if (typeof value !== 'string' || value !== value.trim() || value.length > DISCLOSURE_MAX_LENGTH)
    return false;
  if (value.startsWith('#')) return HASHTAG.test(value);
  return TEXT.test(value) && extractLinks(value).length === 0;
}
