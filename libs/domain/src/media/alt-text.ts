/**
 * Alternative text of a picture: what a person who cannot see it is told it shows. Curators write it
 * in the pack editor; the feed puts it on the picture and packs cannot go to review without it.
 */

/** The longest alternative text kept: X's own limit, and far over what a good description needs. */
export const MAX_ALT_TEXT_LENGTH = 1000;

/** Control, format (bidi overrides, zero-width) and line/paragraph separator characters. */
const HIDDEN_CHARACTERS = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

export type AltTextCheck =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly code: 'media.alt_text_too_long'; readonly max: number };

/**
 * The text as stored: invisible characters removed, runs of white space made one space, trimmed.
 * Longer than `MAX_ALT_TEXT_LENGTH` characters (code points) after that: refused. Empty is allowed
 * (not described yet); `needsAltText` says where that blocks a review.
 */
export function normaliseAltText(raw: string): AltTextCheck {
  const text = raw.replace(HIDDEN_CHARACTERS, ' ').replace(/\s+/gu, ' ').trim();
  if ([...text].length > MAX_ALT_TEXT_LENGTH) {
    return { ok: false, code: 'media.alt_text_too_long', max: MAX_ALT_TEXT_LENGTH };
  }
  return { ok: true, text };
}

/** True for a picture without a description: images are content and need one; a video has its own track. */
export function needsAltText(media: { readonly kind: string; readonly altText: string }): boolean {
  return media.kind === 'image' && media.altText.trim() === '';
}
