/** Replaces lone UTF-16 surrogates with U+FFFD so the text can be percent-encoded (encodeURIComponent throws on them). */
export function toWellFormed(text: string): string {
  let out = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
    } else if (!(unit >= 0xdc00 && unit <= 0xdfff)) {
      continue;
    }
    out += text.slice(start, i) + '\ufffd';
    start = i + 1;
  }
  return start === 0 ? text : out + text.slice(start);
}

/** Percent-encodes one query value (RFC 3986: everything but unreserved characters and a few safe marks). */
export function encodeQueryValue(value: string): string {
  return encodeURIComponent(toWellFormed(value));
}

export type QueryParam = readonly [name: string, value: string | null | undefined];

/** `base?name=value&…`, leaving out parameters whose value is null, undefined or empty. */
export function withQuery(base: string, params: readonly QueryParam[]): string {
  const parts: string[] = [];
  for (const [name, value] of params) {
    if (value === null || value === undefined || value === '') continue;
    parts.push(`${encodeQueryValue(name)}=${encodeQueryValue(value)}`);
  }
  return parts.length === 0 ? base : `${base}?${parts.join('&')}`;
}

// Characters that carry a URL on: letters, digits, marks and what RFC 3986 allows in a path,
// query or fragment. Sentence punctuation among them ends the URL only when nothing that carries
// it on follows, the way linkifiers leave a closing full stop or bracket out.
const URL_CHARACTER = /[\p{L}\p{N}\p{M}\-._~!$&'()*+,;=:@%/?#]/u;
const TRAILING_PUNCTUATION = /[.,!?:;'")\]]/u;

/**
 * True when the link ends at `end`: the text ends there, or whitespace or a character that is not
 * part of a URL follows, possibly after sentence punctuation (`.`, `,`, `!`, `?`, `:`, `;`, quotes,
 * closing brackets).
 */
function linkEndsAt(text: string, end: number): boolean {
  for (let i = end; i < text.length;) {
    const cp = text.codePointAt(i) ?? 0;
    const char = String.fromCodePoint(cp);
    if (!URL_CHARACTER.test(char)) return true;
    if (!TRAILING_PUNCTUATION.test(char)) return false;
    i += char.length;
  }
  return true;
}

/**
 * True when `text` already holds `link` as a link of its own, so the link need not travel a second
 * time: `…/r/Ab3dE9` followed by the end, a space or punctuation, not by more of a longer URL such
 * as `…/r/Ab3dE9XYZ` or `…/r/Ab3dE9/more`.
 */
export function textHoldsLink(text: string, link: string | null | undefined): boolean {
  if (!link) return false;
  for (let at = text.indexOf(link); at !== -1; at = text.indexOf(link, at + 1)) {
    if (linkEndsAt(text, at + link.length)) return true;
  }
  return false;
}

/** The text with the link added at the end when the text does not hold it yet (see {@link textHoldsLink}). */
export function textWithLink(text: string, link: string | null | undefined): string {
  if (!link || textHoldsLink(text, link)) return text;
  if (text.length === 0) return link;
  return /\s$/u.test(text) ? text + link : `${text} ${link}`;
}
