import { plainText } from '@heimo/content';
import { decodeHTML, decodeHTMLAttribute } from 'entities';

// HTML from a feed (descriptions, content) turned into plain text for a pack's title and summary.

/** More HTML than any summary needs; the rest of a huge description is not read. */
const MAX_HTML_LENGTH = 256 * 1024;
/** Tags that end a paragraph of text. */
const BLOCK_TAGS = new Set([
  'p',
  'div',
  'br',
  'hr',
  'li',
  'ul',
  'ol',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
  'table',
  'tr',
  'section',
  'article',
  'header',
  'footer',
  'figure',
  'figcaption',
]);
/** Elements whose content is not text. */
const RAW_TAGS = new Set(['script', 'style', 'noscript', 'iframe', 'template', 'svg', 'math']);
const TAG_NAME = /<(\/?)([A-Za-z][A-Za-z0-9-]*)/y;
/**
 * Plain text of an HTML fragment: scripts, styles and comments dropped, tags removed, character
 * references decoded as a browser decodes them in text (every named one HTML knows, `&rarr;` too),
 * paragraphs kept as blank lines, other white space collapsed, at most `maxLength` characters (cut
 * at a word, with an ellipsis). One pass over the input, whatever it holds: no
 * regular expression that a hostile feed could make backtrack.
 */
export function htmlToText(html: string, maxLength: number): string {
  if (html.length > MAX_HTML_LENGTH) html = html.slice(0, MAX_HTML_LENGTH);
  // Enough raw text to fill `maxLength` after white space collapses; the rest is never read.
  const budget = maxLength * 8 + 1024;
  const lower = html.toLowerCase();
  let text = '';
  let at = 0;
  let closable = true;
  while (at < html.length && text.length < budget) {
    const lt = html.indexOf('<', at);
    if (lt === -1 || !closable) {
      text += html.slice(at, at + budget - text.length);
      break;
    }
    text += html.slice(at, Math.min(lt, at + budget - text.length));
    at = lt;
    if (html.startsWith('<!--', at)) {
      const end = html.indexOf('-->', at + 4);
      at = end === -1 ? html.length : end + 3;
      text += ' ';
      continue;
    }
    TAG_NAME.lastIndex = at;
    const tag = TAG_NAME.exec(html);
    const close = tag ? html.indexOf('>', TAG_NAME.lastIndex) : -1;
    if (!tag || close === -1) {
      // Not a tag (`a < b`), or a tag never closed: the `<` is text. Without any `>` later, all is text.
      if (tag) closable = false;
      text += '<';
      at += 1;
      continue;
    }
    const name = (tag[2] ?? '').toLowerCase();
    at = close + 1;
    if (!tag[1] && RAW_TAGS.has(name)) {
      const end = lower.indexOf(`</${name}`, at);
      const endClose = end === -1 ? -1 : html.indexOf('>', end);
      at = endClose === -1 ? html.length : endClose + 1;
      text += ' ';
    } else {
      text += BLOCK_TAGS.has(name) ? '\n\n' : '';
    }
  }
  return truncate(paragraphs(decodeHTML(text)), maxLength);
}

/** Text without markup (an Atom `type="text"` construct) in the paragraphs `htmlToText` gives. */
export function textToParagraphs(text: string, maxLength: number): string {
  return truncate(paragraphs(text.slice(0, maxLength * 8 + 1024)), maxLength);
}

/** Paragraphs (split at blank lines), each one line of `plainText`, joined by a blank line. */
function paragraphs(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((paragraph) => plainText(paragraph))
    .filter(Boolean)
    .join('\n\n');
}

export function truncate(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  // Enough UTF-16 units for maxLength + 1 characters, however many are surrogate pairs.
  const head = text.slice(0, maxLength * 2 + 2);
  const characters = Array.from(head);
  if (characters.length <= maxLength && head.length === text.length) return text;
  const cut = characters.slice(0, maxLength - 1).join('');
  const atWord = cut.replace(/\s+\S*$/, '');
  return `${(atWord.length > cut.length / 2 ? atWord : cut).trimEnd()}…`;
}

/** The `src` of the first `<img>` in an HTML fragment, entities decoded; data: URIs are skipped. */
export function firstImageSource(html: string): string | null {
  const lower = html.toLowerCase();
  let at = 0;
  for (;;) {
    const start = lower.indexOf('<img', at);
    if (start === -1) return null;
    const end = html.indexOf('>', start);
    if (end === -1) return null;
    // Attributes of this one tag only, so the pattern never scans past it.
    const tag = html.slice(start + 4, end);
    const match = /(?:^|\s)src\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i.exec(tag);
    const raw = (match?.[1] ?? match?.[2] ?? match?.[3] ?? '').trim();
    // The decoder allocates on every call; most tags carry no reference at all.
    const src = raw.includes('&') ? decodeHTMLAttribute(raw) : raw;
    if (src && !/^data:/i.test(src)) return src;
    at = end + 1;
  }
}
