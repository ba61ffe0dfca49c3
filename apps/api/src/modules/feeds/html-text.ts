/** HTML from a feed (descriptions, content) turned into plain text for a pack's title and summary. */

const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  shy: '',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  sbquo: '‚',
  ldquo: '“',
  rdquo: '”',
  bdquo: '„',
  laquo: '«',
  raquo: '»',
  lsaquo: '‹',
  rsaquo: '›',
  bull: '•',
  middot: '·',
  copy: '©',
  reg: '®',
  trade: '™',
  euro: '€',
  pound: '£',
  yen: '¥',
  cent: '¢',
  deg: '°',
  times: '×',
  divide: '÷',
  iexcl: '¡',
  iquest: '¿',
  sect: '§',
  para: '¶',
  auml: 'ä',
  Auml: 'Ä',
  ouml: 'ö',
  Ouml: 'Ö',
  uuml: 'ü',
  Uuml: 'Ü',
  aring: 'å',
  Aring: 'Å',
  aelig: 'æ',
  AElig: 'Æ',
  oslash: 'ø',
  Oslash: 'Ø',
  szlig: 'ß',
  eacute: 'é',
  Eacute: 'É',
  egrave: 'è',
  ecirc: 'ê',
  euml: 'ë',
  aacute: 'á',
  agrave: 'à',
  acirc: 'â',
  atilde: 'ã',
  iacute: 'í',
  igrave: 'ì',
  icirc: 'î',
  iuml: 'ï',
  oacute: 'ó',
  ograve: 'ò',
  ocirc: 'ô',
  otilde: 'õ',
  uacute: 'ú',
  ugrave: 'ù',
  ucirc: 'û',
  ntilde: 'ñ',
  Ntilde: 'Ñ',
  ccedil: 'ç',
  Ccedil: 'Ç',
  scaron: 'š',
  Scaron: 'Š',
  zcaron: 'ž',
  Zcaron: 'Ž',
};

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
/** Bidi overrides and isolates could make the text read differently from what it says. */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;
/** Control characters other than tab and line feed. */
const CONTROL = /[^\P{Cc}\t\n]/gu;

export function decodeHtmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(
    /&(#[xX][0-9a-fA-F]{1,8}|#[0-9]{1,10}|[A-Za-z][A-Za-z0-9]{0,31});?/g,
    (whole, ref: string) => {
      if (ref[0] !== '#') return NAMED[ref] ?? whole;
      const code =
        ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
      return valid ? String.fromCodePoint(code) : '\uFFFD';
    },
  );
}

/**
 * Plain text of an HTML fragment: scripts, styles and comments dropped, tags removed, entities
 * decoded, paragraphs kept as blank lines, other white space collapsed, at most `maxLength`
 * characters (cut at a word, with an ellipsis). One pass over the input, whatever it holds: no
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
  return truncate(normaliseText(decodeHtmlEntities(text)), maxLength);
}

/** Plain text (no markup) cleaned the same way as `htmlToText`. */
export function plainText(text: string, maxLength: number): string {
  return truncate(normaliseText(text.slice(0, maxLength * 8 + 1024)), maxLength);
}

function normaliseText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(CONTROL, ' ')
    .replace(BIDI_CONTROLS, '')
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
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
    const src = decodeHtmlEntities((match?.[1] ?? match?.[2] ?? match?.[3] ?? '').trim());
    if (src && !/^data:/i.test(src)) return src;
    at = end + 1;
  }
}
