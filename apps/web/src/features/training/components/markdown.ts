// The rules of a training body's Markdown, applied around react-markdown (CommonMark, no extensions):
// no HTML, only http(s) and mailto links, no images fetched, and caps on how deep one line can nest
// and on emphasis, so that hostile bodies take time that grows linearly with their length.

import { attention } from 'micromark-core-commonmark';

/** Only these schemes become links; anything else (javascript:, data:, relative paths, …) stays text. */
const SAFE_LINK = /^(https?:|mailto:)/i;

export function isSafeHref(href: string): boolean {
  return SAFE_LINK.test(href.trim());
}

/** react-markdown's `urlTransform`: the address when it is safe, otherwise none (the link is text). */
export function safeUrl(url: string): string | undefined {
  return isSafeHref(url) ? url.trim() : undefined;
}

type Resolver = NonNullable<typeof attention.resolveAll>;

/** How many `*` and `_` runs one paragraph (or link text) may have for them to be read as emphasis. */
export const MAX_EMPHASIS_RUNS = 200;

/**
 * The parser pairs each closing `*` or `_` run with an opening one by walking back over everything
 * before it in the paragraph, so its time grows with the square of the runs (`a_ a_ a_ …`, or
 * `**a **a … a** a**`). Past MAX_EMPHASIS_RUNS, every run of the paragraph is its text, as an
 * unpaired run always is.
 */
const capEmphasis: Resolver = (events) => {
  let runs = 0;
  for (const [kind, token] of events) if (kind === 'enter' && token.type === 'attentionSequence') runs += 1;
  if (runs > MAX_EMPHASIS_RUNS) {
    for (const [, token] of events) if (token.type === 'attentionSequence') token.type = 'data';
  }
  return events;
};

const resolveAttention = attention.resolveAll as Resolver;
const cappedAttention: typeof attention = {
  ...attention,
  name: 'cappedAttention',
  resolveAll: (events, context) => resolveAttention(capEmphasis(events, context), context),
};

/**
 * The parser's rules for a body: the two HTML constructs are off, so `<script>` or `<b>` is read as
 * the text it is (inside its paragraph, with the Markdown around it still read), never as HTML
 * (react-markdown would show HTML as text too, but as a bare string beside the paragraphs); and
 * emphasis is capped as above, in paragraphs and in link texts alike.
 */
const bodySyntax = {
  disable: { null: ['htmlFlow', 'htmlText', 'attention'] },
  text: { 42: cappedAttention, 95: cappedAttention }, // `*` and `_`
  insideSpan: { null: [{ resolveAll: capEmphasis }] }, // runs before the parser's own
};

/** A remark plugin that gives the parser bodySyntax. */
export function remarkBodySyntax(this: { data(): object }): void {
  const data = this.data() as { micromarkExtensions?: unknown[] };
  (data.micromarkExtensions ??= []).push(bodySyntax);
}

/** How many quotes and list items one line may open; a body needs a handful. */
export const MAX_LINE_NESTING = 20;
/** How many headings may be underlined (`Title` over `===` or `---`); more are text. */
export const MAX_SETEXT_HEADINGS = 50;
const SETEXT_UNDERLINE = /^[ \t>]*(?:=+|-+)[ \t]*$/;
/** How far a list item may be indented, in columns: some 30 levels of nesting. */
export const MAX_ITEM_INDENT = 64;

const isDigit = (char: string | undefined) => char !== undefined && char >= '0' && char <= '9';

/** The end of a marker that opens a quote (`>`) or a list item (`-`, `+`, `*`, `1.`, `1)`) at `at`, or -1. */
function markerEnd(line: string, at: number): number {
  const char = line[at];
  if (char === '>') return at + 1;
  let end = at;
  if (char === '-' || char === '+' || char === '*') {
    end += 1;
  } else {
    while (end - at < 9 && isDigit(line[end])) end += 1;
    if (end === at || (line[end] !== '.' && line[end] !== ')')) return -1;
    end += 1;
  }
  // A list marker is one only before a space, a tab or the end of the line.
  const after = line[end];
  return after === undefined || after === ' ' || after === '\t' ? end : -1;
}

/** `---`, `* * *`, `_ _ _`: a rule, however many markers it has. */
function isRule(line: string): boolean {
  const marks = line.replace(/[ \t]/g, '');
  return marks.length >= 3 && /^(?:-+|\*+|_+)$/.test(marks);
}

/**
 * The line with its marker past MAX_LINE_NESTING escaped, so the rest of it is read as text, and a
 * list item indented past MAX_ITEM_INDENT columns brought back to it (a sibling of the item above).
 */
function limitLine(source: string): string {
  if (isRule(source)) return source;
  let line = source;
  let at = 0;
  let columns = 0;
  for (; line[at] === ' ' || line[at] === '\t'; at += 1) columns += line[at] === '\t' ? 4 : 1;
  if (columns > MAX_ITEM_INDENT && markerEnd(line, at) !== -1) {
    line = ' '.repeat(MAX_ITEM_INDENT) + line.slice(at);
  }
  at = 0;
  for (let markers = 0; ; markers += 1) {
    while (line[at] === ' ' || line[at] === '\t') at += 1;
    const end = markerEnd(line, at);
    if (end === -1) return line;
    if (markers === MAX_LINE_NESTING) {
      // `\>`, `\-`, `\+`, `\*` and `1\.` are the marker's characters as text.
      const escapeAt = end - at === 1 ? at : end - 1;
      return `${line.slice(0, escapeAt)}\\${line.slice(escapeAt)}`;
    }
    at = end;
  }
}

/**
 * The parser's time grows with the square of the depth that one line opens (`> > > …`, `- - - …`),
 * with length times depth for lists nested by indenting, and every later step recurses once per
 * level: so past MAX_LINE_NESTING markers at the start of a line, the next marker is escaped (the
 * rest of the line is text), and list items stop nesting at MAX_ITEM_INDENT columns. Lines in fenced
 * code are read alike: code that deep is out of reach of a real body.
 */
export function limitNesting(source: string): string {
  let setext = 0;
  let previous = '';
  return source
    .split(/\r\n?|\n/)
    .map((line) => {
      let limited = limitLine(line);
      // Each underlined heading makes the parser copy all it has read so far.
      if (SETEXT_UNDERLINE.test(line) && !/^[ \t>]*$/.test(previous) && ++setext > MAX_SETEXT_HEADINGS) {
        limited = limited.replace(/[=-]/, '\\$&');
      }
      previous = line;
      return limited;
    })
    .join('\n');
}
