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

/** True when `text` already holds `link`; then the link need not travel a second time. */
export function textHoldsLink(text: string, link: string | null | undefined): boolean {
  return !!link && text.includes(link);
}

/** The text with the link added at the end when the text does not hold it yet. */
export function textWithLink(text: string, link: string | null | undefined): string {
  if (!link || text.includes(link)) return text;
  if (text.length === 0) return link;
  return /\s$/u.test(text) ? text + link : `${text} ${link}`;
}
