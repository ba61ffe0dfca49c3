import { TextDecoder } from 'node:util';
import { decodeXML } from 'entities';
import { FeedFetchError } from './feeds.errors';

/**
 * A small, strict-enough XML reader for feeds. It never reads a DTD: a DOCTYPE that only names one
 * (RSS 0.91's `<!DOCTYPE rss PUBLIC "…" "…dtd">`) is skipped unread, while an internal subset (`[…]`)
 * or any ENTITY declaration is refused outright, so no external entity (XXE) and no entity expansion
 * (billion laughs) can happen. Only the five predefined entities and character references are
 * decoded; an unknown `&name;` stays as written (feeds often carry HTML entities; the HTML step
 * decodes them).
 */
export interface XmlElement {
  /** As written, with its prefix: `media:content`. */
  readonly name: string;
  readonly local: string;
  /** Namespace URI ('' for none). */
  readonly ns: string;
  readonly attributes: readonly XmlAttribute[];
  readonly children: XmlNode[];
}

export interface XmlAttribute {
  readonly name: string;
  readonly local: string;
  readonly ns: string;
  readonly value: string;
}

export type XmlNode = XmlElement | string;

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/** Prefixes feeds commonly use without declaring them. */
const CONVENTIONAL_PREFIXES: Readonly<Record<string, string>> = {
  media: 'http://search.yahoo.com/mrss/',
  content: 'http://purl.org/rss/1.0/modules/content/',
  atom: 'http://www.w3.org/2005/Atom',
  dc: 'http://purl.org/dc/elements/1.1/',
};

const MAX_DEPTH = 100;
const MAX_NODES = 500_000;
const MAX_ATTRIBUTES = 256;

const NAME = /[A-Za-z_:\u00C0-\uFFFF][-A-Za-z0-9_.:\u00B7\u00C0-\uFFFF]*/y;
const SPACE = /[ \t\r\n]*/y;

/** The five predefined entities and character references; the decoder allocates, so only when there is one. */
const decodeReferences = (text: string) => (text.includes('&') ? decodeXML(text) : text);

const notWellFormed = (detail: string) =>
  new FeedFetchError('feed.not_a_feed', `The document is not well-formed XML: ${detail}`);

/** The text of an XML document from its bytes: BOM, then the declaration's encoding, then the HTTP charset, then UTF-8. */
export function decodeXmlBytes(bytes: Buffer, contentType?: string | null): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decode('utf-8', bytes.subarray(3));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decode('utf-16be', bytes.subarray(2));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decode('utf-16le', bytes.subarray(2));
  const head = bytes.subarray(0, 256).toString('latin1');
  const declared = /^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]{1,40})["']/.exec(head)?.[1];
  const charset = /charset\s*=\s*"?([A-Za-z0-9._-]{1,40})/i.exec(contentType ?? '')?.[1];
  return decode(declared ?? charset ?? 'utf-8', bytes);
}

function decode(label: string, bytes: Buffer): string {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label);
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  return decoder.decode(bytes);
}

interface Open {
  readonly element: XmlElement;
  readonly scope: ReadonlyMap<string, string>;
}

const unsafe = () =>
  new FeedFetchError(
    'feed.unsafe_xml',
    'The feed declares entities or a DOCTYPE with an internal subset; such documents are refused (no DTDs are read).',
  );

/**
 * Where a DOCTYPE that starts at `at` ends: `<!DOCTYPE name>` or `<!DOCTYPE name SYSTEM "…">` or
 * `<!DOCTYPE name PUBLIC "…" "…">`, whose DTD is never fetched. An internal subset (`[`) is refused.
 */
function doctypeEnd(text: string, at: number): number {
  const head = /<!DOCTYPE[ \t\r\n]+[A-Za-z_:][-A-Za-z0-9_.:]*/y;
  head.lastIndex = at;
  if (!head.exec(text)) throw notWellFormed(`a DOCTYPE without a name at offset ${at}`);
  let i = head.lastIndex;
  for (;;) {
    const char = text[i];
    if (char === undefined) throw notWellFormed('unclosed DOCTYPE');
    if (char === '>') return i + 1;
    if (char === '[') throw unsafe();
    if (char === '"' || char === "'") {
      // A public or system identifier, where `[` and `>` are plain characters.
      const end = text.indexOf(char, i + 1);
      if (end === -1) throw notWellFormed('unclosed literal in the DOCTYPE');
      i = end + 1;
    } else if (char === '<') {
      throw notWellFormed(`"<" in the DOCTYPE at offset ${i}`);
    } else {
      i += 1;
    }
  }
}

/** Parses a whole document and answers its root element. Throws FeedFetchError (`feed.unsafe_xml`, `feed.not_a_feed`). */
export function parseXml(text: string): XmlElement {
  let at = 0;
  let nodes = 0;
  let root: XmlElement | undefined;
  let doctypeSeen = false;
  const stack: Open[] = [];
  const rootScope = new Map<string, string>([['xml', XML_NS]]);

  const append = (node: XmlNode) => {
    if (++nodes > MAX_NODES) throw notWellFormed('too many nodes');
    const parent = stack[stack.length - 1];
    if (parent) {
      parent.element.children.push(node);
    } else if (typeof node === 'string') {
      if (node.trim()) throw notWellFormed('text outside the root element');
    } else if (root) {
      throw notWellFormed('more than one root element');
    }
  };
  const expect = (token: string) => {
    if (!text.startsWith(token, at)) throw notWellFormed(`expected "${token}" at offset ${at}`);
    at += token.length;
  };
  const name = (): string => {
    NAME.lastIndex = at;
    const match = NAME.exec(text);
    if (!match) throw notWellFormed(`expected a name at offset ${at}`);
    at = NAME.lastIndex;
    return match[0];
  };
  const space = () => {
    SPACE.lastIndex = at;
    SPACE.exec(text);
    const moved = SPACE.lastIndex > at;
    at = SPACE.lastIndex;
    return moved;
  };

  while (at < text.length) {
    const lt = text.indexOf('<', at);
    if (lt !== at) {
      const end = lt === -1 ? text.length : lt;
      append(decodeReferences(text.slice(at, end)));
      at = end;
      continue;
    }
    if (text.startsWith('<!--', at)) {
      const end = text.indexOf('-->', at + 4);
      if (end === -1) throw notWellFormed('unclosed comment');
      at = end + 3;
    } else if (text.startsWith('<![CDATA[', at)) {
      const end = text.indexOf(']]>', at + 9);
      if (end === -1) throw notWellFormed('unclosed CDATA section');
      if (!stack.length) throw notWellFormed('CDATA outside the root element');
      append(text.slice(at + 9, end));
      at = end + 3;
    } else if (text.startsWith('<!', at)) {
      if (/^<!DOCTYPE\s+html[\s>]/i.test(text.slice(at, at + 20))) {
        throw new FeedFetchError(
          'feed.not_a_feed',
          'The address gives an HTML page, not an RSS or Atom feed.',
        );
      }
      if (!text.startsWith('<!DOCTYPE', at)) throw unsafe();
      if (doctypeSeen || root || stack.length) throw notWellFormed('a DOCTYPE that is not first');
      doctypeSeen = true;
      at = doctypeEnd(text, at);
    } else if (text.startsWith('<?', at)) {
      const end = text.indexOf('?>', at + 2);
      if (end === -1) throw notWellFormed('unclosed processing instruction');
      at = end + 2;
    } else if (text.startsWith('</', at)) {
      at += 2;
      const closing = name();
      space();
      expect('>');
      const open = stack.pop();
      if (!open || open.element.name !== closing) {
        throw notWellFormed(`</${closing}> does not close ${open ? `<${open.element.name}>` : 'anything'}`);
      }
      if (!stack.length) root = open.element;
    } else {
      at += 1;
      const tag = name();
      const raw: { name: string; value: string }[] = [];
      for (;;) {
        const spaced = space();
        if (text.startsWith('/>', at) || text.startsWith('>', at)) break;
        if (!spaced) throw notWellFormed(`expected a space before an attribute at offset ${at}`);
        const attribute = name();
        space();
        expect('=');
        space();
        const quote = text[at];
        if (quote !== '"' && quote !== "'") throw notWellFormed(`unquoted attribute value at offset ${at}`);
        const end = text.indexOf(quote, at + 1);
        if (end === -1) throw notWellFormed('unclosed attribute value');
        const value = text.slice(at + 1, end);
        if (value.includes('<')) throw notWellFormed(`"<" in an attribute value at offset ${at}`);
        raw.push({ name: attribute, value: decodeReferences(value) });
        if (raw.length > MAX_ATTRIBUTES) throw notWellFormed('too many attributes');
        at = end + 1;
      }
      const selfClosing = text.startsWith('/>', at);
      at += selfClosing ? 2 : 1;
      const parentScope = stack[stack.length - 1]?.scope ?? rootScope;
      let scope: Map<string, string> | ReadonlyMap<string, string> = parentScope;
      for (const attribute of raw) {
        if (attribute.name === 'xmlns' || attribute.name.startsWith('xmlns:')) {
          if (scope === parentScope) scope = new Map(parentScope);
          (scope as Map<string, string>).set(
            attribute.name === 'xmlns' ? '' : attribute.name.slice(6),
            attribute.value,
          );
        }
      }
      const resolve = (qualified: string, useDefault: boolean) => {
        const colon = qualified.indexOf(':');
        if (colon < 0) return { local: qualified, ns: useDefault ? (scope.get('') ?? '') : '' };
        const prefix = qualified.slice(0, colon);
        const ns =
          prefix === 'xmlns'
            ? XMLNS_NS
            : (scope.get(prefix) ?? CONVENTIONAL_PREFIXES[prefix] ?? `urn:undeclared-prefix:${prefix}`);
        return { local: qualified.slice(colon + 1), ns };
      };
      const element: XmlElement = {
        name: tag,
        ...resolve(tag, true),
        attributes: raw
          .filter((a) => a.name !== 'xmlns' && !a.name.startsWith('xmlns:'))
          .map((a) => ({ name: a.name, value: a.value, ...resolve(a.name, false) })),
        children: [],
      };
      if (!stack.length && root) throw notWellFormed('more than one root element');
      append(element);
      if (selfClosing) {
        if (!stack.length) root = element;
      } else {
        if (stack.length >= MAX_DEPTH) throw notWellFormed('elements nested too deeply');
        stack.push({ element, scope });
      }
    }
  }
  const unclosed = stack.at(-1);
  if (unclosed) throw notWellFormed(`<${unclosed.element.name}> is never closed`);
  if (!root) throw new FeedFetchError('feed.not_a_feed', 'The document is empty.');
  return root;
}

/** Child elements with this local name and namespace. */
export function childrenOf(element: XmlElement, ns: string, local: string): XmlElement[] {
  return element.children.filter(
    (child): child is XmlElement => typeof child !== 'string' && child.local === local && child.ns === ns,
  );
}

export function childOf(element: XmlElement, ns: string, local: string): XmlElement | undefined {
  return childrenOf(element, ns, local)[0];
}

export function attributeOf(element: XmlElement, local: string, ns = ''): string | undefined {
  return element.attributes.find((a) => a.local === local && a.ns === ns)?.value;
}

/** Every text and CDATA descendant, in order. */
export function textOf(element: XmlElement | undefined): string {
  if (!element) return '';
  let text = '';
  for (const child of element.children) text += typeof child === 'string' ? child : textOf(child);
  return text;
}

/** Every descendant element with this local name (any namespace), depth first. */
export function descendantsNamed(element: XmlElement, local: string): XmlElement[] {
  const found: XmlElement[] = [];
  for (const child of element.children) {
    if (typeof child === 'string') continue;
    if (child.local.toLowerCase() === local) found.push(child);
    found.push(...descendantsNamed(child, local));
  }
  return found;
}
