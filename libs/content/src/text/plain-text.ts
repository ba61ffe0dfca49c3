/** Control and format characters (bidi overrides and isolates, zero-width and soft-hyphen marks among them). */
const INVISIBLE = /[\p{Cc}\p{Cf}]/gu;

/**
 * Text from outside (a feed item's title or summary) as one clean line: control and format characters
 * turned into spaces, so none can reorder what a reader sees; white space collapsed; trimmed; NFC.
 */
export function plainText(text: string): string {
  return text.replace(INVISIBLE, ' ').replace(/\s+/gu, ' ').trim().normalize('NFC');
}
