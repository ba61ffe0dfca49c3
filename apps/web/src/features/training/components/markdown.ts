// A small Markdown reader for training bodies: headings, paragraphs, lists, quotes, code, rules, bold,
// italic, inline code and links. It builds a tree that React renders as elements, so no text is ever
// parsed as HTML; raw HTML in the source stays visible text.

export type Inline =
  | { type: 'text'; text: string }
  | { type: 'strong'; children: Inline[] }
  | { type: 'em'; children: Inline[] }
  | { type: 'code'; text: string }
  | { type: 'link'; href: string; children: Inline[] }
  | { type: 'break' };

export type Block =
  | { type: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; children: Inline[] }
  | { type: 'paragraph'; children: Inline[] }
  | { type: 'list'; ordered: boolean; start: number; items: Inline[][] }
  | { type: 'quote'; children: Block[] }
  | { type: 'code'; text: string }
  | { type: 'rule' };

const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const QUOTE = /^ {0,3}> ?(.*)$/;
const BULLET = /^ {0,3}[-*+][ \t]+(.*)$/;
const ORDERED = /^ {0,3}(\d{1,9})[.)][ \t]+(.*)$/;
const BLANK = /^[ \t]*$/;

/** Only these schemes become links; anything else (javascript:, data:, …) stays as its text. */
const SAFE_LINK = /^(https?:\/\/|mailto:)/i;

export function isSafeHref(href: string): boolean {
  return SAFE_LINK.test(href.trim());
}

function startsBlock(line: string): boolean {
  return (
    HEADING.test(line) ||
    RULE.test(line) ||
    FENCE.test(line) ||
    QUOTE.test(line) ||
    BULLET.test(line) ||
    ORDERED.test(line)
  );
}

export function parseMarkdown(source: string): Block[] {
  return parseBlocks(source.replace(/\r\n?/g, '\n').split('\n'));
}

function parseBlocks(lines: readonly string[]): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (BLANK.test(line)) {
      i += 1;
      continue;
    }

    const fence = FENCE.exec(line);
    if (fence) {
      const marker = fence[1] ?? '```';
      const body: string[] = [];
      i += 1;
      while (i < lines.length && !(lines[i] ?? '').trimStart().startsWith(marker)) {
        body.push(lines[i] ?? '');
        i += 1;
      }
      i += 1; // the closing fence, or past the end
      blocks.push({ type: 'code', text: body.join('\n') });
      continue;
    }

    const heading = HEADING.exec(line);
    if (heading) {
      const level = (heading[1] ?? '#').length as 1 | 2 | 3 | 4 | 5 | 6;
      blocks.push({ type: 'heading', level, children: parseInline(heading[2] ?? '') });
      i += 1;
      continue;
    }

    if (RULE.test(line)) {
      blocks.push({ type: 'rule' });
      i += 1;
      continue;
    }

    if (QUOTE.test(line)) {
      const quoted: string[] = [];
      while (i < lines.length) {
        const match = QUOTE.exec(lines[i] ?? '');
        if (!match) break;
        quoted.push(match[1] ?? '');
        i += 1;
      }
      blocks.push({ type: 'quote', children: parseBlocks(quoted) });
      continue;
    }

    const ordered = ORDERED.exec(line);
    if (ordered || BULLET.test(line)) {
      const pattern = ordered ? ORDERED : BULLET;
      const items: string[][] = [];
      while (i < lines.length) {
        const current = lines[i] ?? '';
        const item = pattern.exec(current);
        if (item) {
          items.push([(ordered ? item[2] : item[1]) ?? '']);
        } else if (BLANK.test(current)) {
          // A blank line ends the list unless another item of the same list follows it.
          if (!pattern.test(lines[i + 1] ?? '')) break;
        } else if (/^[ \t]+\S/.test(current) || !startsBlock(current)) {
          // An indented or plain line continues the item above it (lazy continuation).
          items[items.length - 1]?.push(current.trim());
        } else {
          break;
        }
        i += 1;
      }
      blocks.push({
        type: 'list',
        ordered: Boolean(ordered),
        start: ordered ? Number(ordered[1]) : 1,
        items: items.map((item) => parseInline(item.join('\n'))),
      });
      continue;
    }

    const paragraph: string[] = [];
    while (
      i < lines.length &&
      !BLANK.test(lines[i] ?? '') &&
      (paragraph.length === 0 || !startsBlock(lines[i] ?? ''))
    ) {
      paragraph.push(lines[i] ?? '');
      i += 1;
    }
    blocks.push({ type: 'paragraph', children: parseInline(paragraph.join('\n')) });
  }
  return blocks;
}

const ESCAPABLE = /[\\`*_{}[\]()#+\-.!>~|]/;

/** Inline spans of one block; line ends are soft breaks unless the line ends in two spaces or `\`. */
export function parseInline(text: string): Inline[] {
  const nodes: Inline[] = [];
  let buffer = '';
  const flush = () => {
    if (buffer) nodes.push({ type: 'text', text: buffer });
    buffer = '';
  };

  let i = 0;
  while (i < text.length) {
    const char = text[i] ?? '';
    const next = text[i + 1] ?? '';

    if (char === '\n') {
      if (/( {2,}|\\)$/.test(buffer)) {
        buffer = buffer.replace(/( {2,}|\\)$/, '');
        flush();
        nodes.push({ type: 'break' });
      } else {
        buffer = buffer.replace(/ +$/, '') + ' ';
      }
      i += 1;
      while (text[i] === ' ' || text[i] === '\t') i += 1;
      continue;
    }

    if (char === '\\' && ESCAPABLE.test(next)) {
      buffer += next;
      i += 2;
      continue;
    }

    if (char === '`') {
      const run = /^`+/.exec(text.slice(i))?.[0] ?? '`';
      const end = text.indexOf(run, i + run.length);
      if (end > i) {
        flush();
        const code = text.slice(i + run.length, end).replace(/\n/g, ' ');
        nodes.push({ type: 'code', text: code.length > 2 && /^ .* $/.test(code) ? code.slice(1, -1) : code });
        i = end + run.length;
        continue;
      }
      buffer += run;
      i += run.length;
      continue;
    }

    if ((char === '*' || char === '_') && next === char) {
      const marker = char + char;
      const end = findClosing(text, marker, i + 2);
      if (end > i + 2 && opens(text, i, marker)) {
        flush();
        nodes.push({ type: 'strong', children: parseInline(text.slice(i + 2, end)) });
        i = end + 2;
        continue;
      }
    } else if (char === '*' || char === '_') {
      const end = findClosing(text, char, i + 1);
      if (end > i + 1 && opens(text, i, char)) {
        flush();
        nodes.push({ type: 'em', children: parseInline(text.slice(i + 1, end)) });
        i = end + 1;
        continue;
      }
    }

    if (char === '[') {
      const link = readLink(text, i);
      if (link) {
        flush();
        const children = parseInline(link.label);
        if (isSafeHref(link.href)) nodes.push({ type: 'link', href: link.href.trim(), children });
        else nodes.push(...children);
        i = link.end;
        continue;
      }
    }

    buffer += char;
    i += 1;
  }
  flush();
  return nodes;
}

/** Emphasis opens only before a non-space; `_` also only at a word start (snake_case stays as is). */
function opens(text: string, at: number, marker: string): boolean {
  const after = text[at + marker.length] ?? '';
  if (!after || /\s/.test(after)) return false;
  if (marker.startsWith('_')) return !/[\p{L}\p{N}]/u.test(text[at - 1] ?? '');
  return true;
}

/** The closing marker: after a non-space, not part of a longer run, and for `_` not inside a word. */
function findClosing(text: string, marker: string, from: number): number {
  let at = text.indexOf(marker, from);
  while (at !== -1) {
    const before = text[at - 1] ?? '';
    const after = text[at + marker.length] ?? '';
    const single = marker.length === 1;
    const partOfRun = single && (after === marker || before === marker);
    const closesWord = !marker.startsWith('_') || !/[\p{L}\p{N}]/u.test(after);
    if (at > from && !/\s/.test(before) && !partOfRun && closesWord) return at;
    if (single && after === marker) at = text.indexOf(marker, at + 2);
    else at = text.indexOf(marker, at + 1);
  }
  return -1;
}

function readLink(text: string, at: number): { label: string; href: string; end: number } | null {
  let depth = 0;
  let close = -1;
  for (let i = at; i < text.length; i += 1) {
    const char = text[i];
    if (char === '\\') {
      i += 1;
    } else if (char === '[') {
      depth += 1;
    } else if (char === ']') {
      depth -= 1;
      if (depth === 0) {
        close = i;
        break;
      }
    }
  }
  if (close === -1 || text[close + 1] !== '(') return null;
  const end = text.indexOf(')', close + 2);
  if (end === -1) return null;
  // A title after the address (`[a](https://x "Title")`) is dropped.
  const href =
    text
      .slice(close + 2, end)
      .trim()
      .split(/\s+/)[0] ?? '';
  if (!href) return null;
  return { label: text.slice(at + 1, close), href: href.replace(/^<(.*)>$/, '$1'), end: end + 1 };
}
