import { createHash } from 'node:crypto';
import { FeedFetchError } from './feeds.errors';
import { firstImageSource, htmlToText, textToParagraphs } from './html-text';
import {
  attributeOf,
  childOf,
  childrenOf,
  decodeXmlBytes,
  descendantsNamed,
  parseXml,
  textOf,
  XML_NS,
  type XmlElement,
} from './xml-document';

const ATOM = 'http://www.w3.org/2005/Atom';
const RSS1 = 'http://purl.org/rss/1.0/';
const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const MEDIA = 'http://search.yahoo.com/mrss/';
const CONTENT = 'http://purl.org/rss/1.0/modules/content/';
const DC = 'http://purl.org/dc/elements/1.1/';

export const MAX_TITLE_LENGTH = 200;
export const MAX_SUMMARY_LENGTH = 1000;
const MAX_URL_LENGTH = 2048;
/** Longer guids are kept as a hash, so the unique key stays small. */
const MAX_GUID_LENGTH = 512;
const IMAGE_EXTENSION = /\.(?:jpe?g|png|gif|webp)(?:$|[?#])/i;

export interface FeedEntry {
  /** The item's guid / Atom id, else its link, else a hash of its content: what "imported once" is keyed by. */
  readonly guid: string;
  readonly title: string;
  readonly summary: string;
  /** Absolute http(s) link, or null. */
  readonly link: string | null;
  /** Absolute http(s) URL of the item's image, or null. */
  readonly imageUrl: string | null;
  readonly publishedAt: Date | null;
}

export interface ParsedFeed {
  readonly format: 'rss' | 'atom' | 'rdf';
  readonly title: string | null;
  /** In document order (usually newest first). */
  readonly entries: readonly FeedEntry[];
}

/**
 * An RSS 2.0 (and 0.9x / 1.0) or Atom 1.0 document from its bytes. `baseUrl` (the URL it was read
 * from) resolves relative links. Throws FeedFetchError `feed.not_a_feed` or `feed.unsafe_xml`.
 */
export function parseFeed(bytes: Buffer, baseUrl: string, contentType?: string | null): ParsedFeed {
  const text = decodeXmlBytes(bytes, contentType);
  const start = text
    .replace(/^\uFEFF/, '')
    .trimStart()
    .slice(0, 512);
  if (/^(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html)[\s>]/i.test(start)) {
    throw new FeedFetchError('feed.not_a_feed', 'The address gives an HTML page, not an RSS or Atom feed.');
  }
  const root = parseXml(text);
  if (root.local === 'rss' && root.ns === '') return rss(root, baseUrl);
  if (root.local === 'feed' && (root.ns === ATOM || root.ns === '')) return atom(root, baseUrl);
  if (root.local === 'RDF' && root.ns === RDF) return rdf(root, baseUrl);
  throw new FeedFetchError(
    'feed.not_a_feed',
    `The document is XML but not an RSS or Atom feed (its root is <${root.name}>).`,
  );
}

function rss(root: XmlElement, baseUrl: string): ParsedFeed {
  const channel = childOf(root, '', 'channel');
  if (!channel) throw new FeedFetchError('feed.not_a_feed', 'The RSS document has no <channel>.');
  return {
    format: 'rss',
    title: optionalText(textOf(childOf(channel, '', 'title'))),
    entries: childrenOf(channel, '', 'item').map((item) => rssItem(item, '', baseUrl)),
  };
}

function rdf(root: XmlElement, baseUrl: string): ParsedFeed {
  const channel = childOf(root, RSS1, 'channel');
  return {
    format: 'rdf',
    title: channel ? optionalText(textOf(childOf(channel, RSS1, 'title'))) : null,
    entries: childrenOf(root, RSS1, 'item').map((item) => rssItem(item, RSS1, baseUrl)),
  };
}

function rssItem(item: XmlElement, ns: string, baseUrl: string): FeedEntry {
  const rawTitle = textOf(childOf(item, ns, 'title'));
  const description = textOf(childOf(item, ns, 'description'));
  const encoded = textOf(childOf(item, CONTENT, 'encoded'));
  const guidElement = childOf(item, '', 'guid');
  const guidText = textOf(guidElement).trim();
  const atomLink = childrenOf(item, ATOM, 'link').find(
    (l) => (attributeOf(l, 'rel') ?? 'alternate') === 'alternate',
  );
  const permalink =
    guidElement && attributeOf(guidElement, 'isPermaLink') !== 'false'
      ? absoluteUrl(guidText, baseUrl)
      : null;
  const link =
    absoluteUrl(textOf(childOf(item, ns, 'link')), baseUrl) ??
    absoluteUrl(atomLink && attributeOf(atomLink, 'href'), baseUrl) ??
    permalink;
  const enclosure = childrenOf(item, '', 'enclosure').find((e) =>
    isImage(attributeOf(e, 'type'), attributeOf(e, 'url')),
  );
  const imageUrl =
    absoluteUrl(enclosure && attributeOf(enclosure, 'url'), baseUrl) ??
    mediaImage(item, baseUrl) ??
    absoluteUrl(firstImageSource(encoded || description) ?? undefined, baseUrl);
  const title = htmlToText(rawTitle, MAX_TITLE_LENGTH);
  const summary = htmlToText(description || encoded, MAX_SUMMARY_LENGTH);
  return {
    guid: stableGuid(guidText || link || '', title, summary),
    title,
    summary,
    link,
    imageUrl,
    publishedAt: date(textOf(childOf(item, '', 'pubDate')) || textOf(childOf(item, DC, 'date'))),
  };
}

function atom(root: XmlElement, baseUrl: string): ParsedFeed {
  const ns = root.ns;
  const feedBase = withBase(root, baseUrl);
  return {
    format: 'atom',
    title: atomText(childOf(root, ns, 'title'), MAX_TITLE_LENGTH) || null,
    entries: childrenOf(root, ns, 'entry').map((entry) => atomEntry(entry, ns, withBase(entry, feedBase))),
  };
}

function atomEntry(entry: XmlElement, ns: string, baseUrl: string): FeedEntry {
  const links = childrenOf(entry, ns, 'link');
  const alternate = links.find((l) => (attributeOf(l, 'rel') ?? 'alternate') === 'alternate');
  const link = absoluteUrl(alternate && attributeOf(alternate, 'href'), withBase(alternate, baseUrl));
  const enclosure = links.find(
    (l) => attributeOf(l, 'rel') === 'enclosure' && isImage(attributeOf(l, 'type'), attributeOf(l, 'href')),
  );
  const summaryElement = childOf(entry, ns, 'summary') ?? childOf(entry, ns, 'content');
  const content = childOf(entry, ns, 'content') ?? childOf(entry, ns, 'summary');
  const title = atomText(childOf(entry, ns, 'title'), MAX_TITLE_LENGTH);
  const summary = atomText(summaryElement, MAX_SUMMARY_LENGTH);
  const imageUrl =
    absoluteUrl(enclosure && attributeOf(enclosure, 'href'), baseUrl) ??
    mediaImage(entry, baseUrl) ??
    (content ? absoluteUrl(atomFirstImage(content) ?? undefined, withBase(content, baseUrl)) : null);
  return {
    guid: stableGuid(textOf(childOf(entry, ns, 'id')).trim() || link || '', title, summary),
    title,
    summary,
    link,
    imageUrl,
    publishedAt: date(textOf(childOf(entry, ns, 'published')) || textOf(childOf(entry, ns, 'updated'))),
  };
}

/** Atom text constructs: `text` (default), `html` (escaped markup) or `xhtml` (inline elements). */
function atomText(element: XmlElement | undefined, maxLength: number): string {
  if (!element) return '';
  const type = attributeOf(element, 'type') ?? 'text';
  if (type === 'html' || type === 'xhtml') return htmlToText(textOf(element), maxLength);
  return textToParagraphs(textOf(element), maxLength);
}

function atomFirstImage(content: XmlElement): string | null {
  if (attributeOf(content, 'type') === 'xhtml') {
    const image = descendantsNamed(content, 'img').find((img) => attributeOf(img, 'src'));
    return image ? (attributeOf(image, 'src') ?? null) : null;
  }
  return firstImageSource(textOf(content));
}

/** media:content (an image), then media:thumbnail, directly or inside media:group. */
function mediaImage(item: XmlElement, baseUrl: string): string | null {
  const holders = [item, ...childrenOf(item, MEDIA, 'group')];
  for (const holder of holders) {
    const content = childrenOf(holder, MEDIA, 'content').find((c) => {
      const medium = attributeOf(c, 'medium');
      return medium ? medium === 'image' : isImage(attributeOf(c, 'type'), attributeOf(c, 'url'));
    });
    const url = absoluteUrl(content && attributeOf(content, 'url'), baseUrl);
    if (url) return url;
  }
  for (const holder of [...holders, ...childrenOf(item, MEDIA, 'content')]) {
    const thumbnail = childOf(holder, MEDIA, 'thumbnail');
    const url = absoluteUrl(thumbnail && attributeOf(thumbnail, 'url'), baseUrl);
    if (url) return url;
  }
  return null;
}

const isImage = (type: string | undefined, url: string | undefined) =>
  type ? /^image\//i.test(type.trim()) : IMAGE_EXTENSION.test(url ?? '');

const withBase = (element: XmlElement | undefined, baseUrl: string) =>
  absoluteUrl(element && attributeOf(element, 'base', XML_NS), baseUrl) ?? baseUrl;

/** An absolute http(s) URL from a possibly relative one; anything else (javascript:, data:, …) is null. */
function absoluteUrl(raw: string | undefined | null, baseUrl: string): string | null {
  const value = raw?.trim();
  if (!value || value.length > MAX_URL_LENGTH) return null;
  try {
    const url = new URL(value, baseUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (url.username || url.password) return null;
    return url.toString();
  } catch {
    return null;
  }
}

function stableGuid(guid: string, title: string, summary: string): string {
  const value = guid || `content:${createHash('sha256').update(`${title}\n${summary}`).digest('hex')}`;
  return value.length <= MAX_GUID_LENGTH
    ? value
    : `sha256:${createHash('sha256').update(value).digest('hex')}`;
}

function date(raw: string): Date | null {
  const value = raw.trim();
  if (!value) return null;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

function optionalText(text: string): string | null {
  const value = htmlToText(text, MAX_TITLE_LENGTH);
  return value || null;
}
