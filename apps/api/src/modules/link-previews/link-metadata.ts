import { Parser } from 'htmlparser2';

/** What a page says about itself, read from its HTML; every field may be missing. */
export interface LinkMetadata {
  readonly title: string | null;
  readonly description: string | null;
  /** Absolute http(s) address of the page's picture. */
  readonly imageUrl: string | null;
  readonly siteName: string | null;
  /** The page's own preferred address (og:url, then `<link rel="canonical">`). */
  readonly canonicalUrl: string | null;
  /** The oEmbed JSON address a `<link rel="alternate" type="application/json+oembed">` names. */
  readonly oembedUrl: string | null;
}

/** The fields of an oEmbed answer a preview uses (https://oembed.com/#section2.3). */
export interface OEmbedMetadata {
  readonly title: string | null;
  readonly siteName: string | null;
  readonly imageUrl: string | null;
}

/** Control, format (bidi overrides, zero-width) and line/paragraph separator characters. */
const HIDDEN_CHARACTERS = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
export const MAX_PREVIEW_TITLE = 200;
export const MAX_PREVIEW_DESCRIPTION = 2000;
export const MAX_PREVIEW_SITE_NAME = 100;
const MAX_URL = 2048;

/** One line of plain text: white space collapsed, invisible characters removed, at most `max` code points. */
export function plainText(value: unknown, max: number): string | null {
  if (typeof value !== 'string') return null;
  const clean = value.replace(/\s+/g, ' ').replace(HIDDEN_CHARACTERS, '').trim();
  if (!clean) return null;
  const points = [...clean];
  return points.length > max
    ? `${points
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`
    : clean;
}

/** An absolute http(s) address from a possibly relative one; null for anything else. */
export function absoluteHttpUrl(value: unknown, base: string): string | null {
  if (typeof value !== 'string' || !value.trim()) return null;
  try {
    const url = new URL(value.trim(), base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (url.username || url.password) return null;
    const text = url.toString();
    return text.length <= MAX_URL ? text : null;
  } catch {
    return null;
  }
}

const OG: Record<string, keyof Collected> = {
  'og:title': 'ogTitle',
  'og:description': 'ogDescription',
  'og:image': 'ogImage',
  'og:image:url': 'ogImage',
  'og:image:secure_url': 'ogImage',
  'og:site_name': 'ogSiteName',
  'og:url': 'ogUrl',
  'twitter:title': 'twitterTitle',
  'twitter:description': 'twitterDescription',
  'twitter:image': 'twitterImage',
  'twitter:image:src': 'twitterImage',
  description: 'description',
};

interface Collected {
  ogTitle?: string;
  ogDescription?: string;
  ogImage?: string;
  ogSiteName?: string;
  ogUrl?: string;
  twitterTitle?: string;
  twitterDescription?: string;
  twitterImage?: string;
  description?: string;
  title?: string;
  canonical?: string;
  oembed?: string;
}

/**
 * Reads Open Graph, Twitter card and plain HTML metadata (`<title>`, `<meta name="description">`,
 * `<link rel="canonical">`) and the oEmbed discovery link from a page, in that order of
 * preference; the first value of each wins. Relative addresses are resolved against `pageUrl`.
 * Never throws: a page without metadata answers nulls.
 */
export function readLinkMetadata(html: string, pageUrl: string): LinkMetadata {
  const found: Collected = {};
  let inTitle = false;
  let title = '';
  let base = pageUrl;
  const keep = (key: keyof Collected, value: string | undefined) => {
    if (value !== undefined && value.trim() && found[key] === undefined) found[key] = value;
  };
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'title' && found.title === undefined) inTitle = true;
        else if (name === 'base' && attributes['href']) {
          base = absoluteHttpUrl(attributes['href'], pageUrl) ?? base;
        } else if (name === 'meta') {
          const key = (attributes['property'] ?? attributes['name'] ?? '').trim().toLowerCase();
          const field = OG[key];
          if (field) keep(field, attributes['content']);
        } else if (name === 'link') {
          const rel = (attributes['rel'] ?? '').toLowerCase().split(/\s+/);
          const type = (attributes['type'] ?? '').trim().toLowerCase();
          if (rel.includes('canonical')) keep('canonical', attributes['href']);
          if (rel.includes('alternate') && type === 'application/json+oembed')
            keep('oembed', attributes['href']);
        }
      },
      ontext(text) {
        if (inTitle) title += text;
      },
      onclosetag(name) {
        if (name === 'title' && inTitle) {
          inTitle = false;
          keep('title', title);
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return {
    title: plainText(found.ogTitle ?? found.twitterTitle ?? found.title, MAX_PREVIEW_TITLE),
    description: plainText(
      found.ogDescription ?? found.twitterDescription ?? found.description,
      MAX_PREVIEW_DESCRIPTION,
    ),
    imageUrl: absoluteHttpUrl(found.ogImage, base) ?? absoluteHttpUrl(found.twitterImage, base),
    siteName: plainText(found.ogSiteName, MAX_PREVIEW_SITE_NAME),
    canonicalUrl: absoluteHttpUrl(found.ogUrl, base) ?? absoluteHttpUrl(found.canonical, base),
    oembedUrl: absoluteHttpUrl(found.oembed, base),
  };
}

/** The useful fields of an oEmbed JSON answer; nulls for anything else (not JSON, not an object). */
export function readOEmbed(json: string, oembedUrl: string): OEmbedMetadata {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return { title: null, siteName: null, imageUrl: null };
  }
  const object = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : {};
  const field = (name: string) => (object as Record<string, unknown>)[name];
  return {
    title: plainText(field('title'), MAX_PREVIEW_TITLE),
    siteName: plainText(field('provider_name'), MAX_PREVIEW_SITE_NAME),
    imageUrl: absoluteHttpUrl(field('thumbnail_url'), oembedUrl),
  };
}
