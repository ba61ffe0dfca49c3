import type { IssueParams, LinkIssueCode } from '../messages';

/** Longest link accepted as a destination (the common browser and crawler limit). */
export const MAX_LINK_LENGTH = 2048;

/** A destination URL that passed validation, normalised. */
export interface DestinationUrl {
  /** The normalised URL: lower-case scheme and host, default port dropped, unsafe characters percent-encoded. */
  readonly href: string;
  readonly scheme: 'http' | 'https';
  /** Lower-case ASCII host (IDN hosts in punycode); IPv6 literals keep their brackets. */
  readonly host: string;
  /** Null when absent or the scheme's default. */
  readonly port: number | null;
  /** Always starts with `/`. */
  readonly path: string;
  /** Without the `?`; null when there is none (an empty query `?` is kept as ''). */
  readonly query: string | null;
  /** Without the `#`; null when there is none. */
  readonly fragment: string | null;
}

export type LinkRefusal = { readonly ok: false; readonly code: LinkIssueCode; readonly params: IssueParams };

export type ParsedDestination = { readonly ok: true; readonly url: DestinationUrl } | LinkRefusal;

function refuse(code: LinkIssueCode, params: IssueParams = {}): LinkRefusal {
  return { ok: false, code, params };
}

const WHITESPACE = /\s/u;
const CONTROL_OR_FORMAT = /[\p{Cc}\p{Cf}]/u;
const LONE_SURROGATE = /\p{Cs}/u;
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;
const DEFAULT_PORTS = { http: 80, https: 443 } as const;
// ASCII characters that may not appear raw in a URL; they are percent-encoded.
const ASCII_TO_ENCODE = new Set(['"', '<', '>', '^', '`', '{', '|', '}']);
const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

type UrlConstructor = new (input: string) => { hostname: string };

/** IDN to punycode through the platform's URL parser (present in browsers and Node); null if it refuses. */
function toAsciiHost(host: string): string | null {
  const platformUrl = (globalThis as unknown as { URL?: UrlConstructor }).URL;
  if (!platformUrl) return null;
  try {
    return new platformUrl(`http://${host}/`).hostname;
  } catch {
    return null;
  }
}

function validHostName(host: string): boolean {
  if (host.length > 253) return false;
  const labels = host.endsWith('.') ? host.slice(0, -1).split('.') : host.split('.');
  return labels.every((label) => LABEL.test(label));
}

function parseHost(raw: string): string | LinkRefusal {
  if (raw.length === 0) return refuse('link.host_missing');
  if (raw.startsWith('[')) {
    return /^\[[0-9A-Fa-f:.]+\]$/.test(raw) && raw.includes(':')
      ? raw.toLowerCase()
      : refuse('link.host_invalid');
  }
  if (raw.includes('%') || raw.includes('[') || raw.includes(']')) return refuse('link.host_invalid');
  let host = raw.toLowerCase();
  if (/[^\p{ASCII}]/u.test(host)) {
    if (!/^[\p{L}\p{M}\p{N}.\-_]+$/u.test(host)) return refuse('link.host_invalid');
    const ascii = toAsciiHost(host);
    if (ascii === null) return refuse('link.host_invalid');
    host = ascii;
  }
  return validHostName(host) ? host : refuse('link.host_invalid');
}

/** Percent-encodes what may not appear raw; refuses a `%` that does not start an escape. */
function encodePart(part: string): string | LinkRefusal {
  let out = '';
  for (let i = 0; i < part.length; i++) {
    const char = part[i] as string;
    if (char === '%') {
      if (!/^[0-9A-Fa-f]{2}$/.test(part.slice(i + 1, i + 3))) return refuse('link.bad_percent_encoding');
      out += char;
    } else if (char.charCodeAt(0) > 0x7f) {
      const cp = part.codePointAt(i) ?? 0;
      const full = String.fromCodePoint(cp);
      out += encodeURIComponent(full);
      i += full.length - 1;
    } else {
      out += ASCII_TO_ENCODE.has(char) ? encodeURIComponent(char) : char;
    }
  }
  return out;
}

/**
 * Validates a link a curator or an advocate gives, and normalises it. Accepts only absolute
 * `http`/`https` URLs with a host and without credentials; refuses `javascript:`, `data:` and every
 * other scheme, protocol-relative `//host`, backslashes, whitespace, control and invisible
 * characters, and anything longer than {@link MAX_LINK_LENGTH}. Each refusal has a code.
 */
export function parseDestinationUrl(input: unknown): ParsedDestination {
  if (typeof input !== 'string') return refuse('link.malformed');
  if (input.length === 0) return refuse('link.empty');
  if (input.length > MAX_LINK_LENGTH) return refuse('link.too_long', { limit: MAX_LINK_LENGTH });
  for (const char of input) {
    if (WHITESPACE.test(char)) return refuse('link.whitespace');
    if (CONTROL_OR_FORMAT.test(char)) return refuse('link.control_character');
    if (LONE_SURROGATE.test(char)) return refuse('link.malformed');
    if (char === '\\') return refuse('link.backslash');
  }
  if (input.startsWith('//')) return refuse('link.scheme_missing');

  const schemeMatch = SCHEME.exec(input);
  const rawScheme = schemeMatch?.[1];
  // `example.com:8080/x` has no scheme, although it parses like one.
  if (!rawScheme || rawScheme.includes('.')) return refuse('link.scheme_missing');
  const scheme = rawScheme.toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') return refuse('link.scheme_not_allowed', { scheme });

  const rest = input.slice(rawScheme.length + 1);
  if (!rest.startsWith('//')) return refuse('link.malformed');
  const afterSlashes = rest.slice(2);
  const authorityEnd = afterSlashes.search(/[/?#]/);
  const authority = authorityEnd === -1 ? afterSlashes : afterSlashes.slice(0, authorityEnd);
  const tail = authorityEnd === -1 ? '' : afterSlashes.slice(authorityEnd);
  if (authority.includes('@')) return refuse('link.credentials_not_allowed');

  let rawHost = authority;
  let rawPort: string | null = null;
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']');
    if (close === -1) return refuse('link.host_invalid');
    rawHost = authority.slice(0, close + 1);
    const after = authority.slice(close + 1);
    if (after !== '') {
      if (!after.startsWith(':')) return refuse('link.host_invalid');
      rawPort = after.slice(1);
    }
  } else {
    const colon = authority.lastIndexOf(':');
    if (colon !== -1) {
      rawHost = authority.slice(0, colon);
      rawPort = authority.slice(colon + 1);
    }
  }

  const host = parseHost(rawHost);
  if (typeof host !== 'string') return host;

  let port: number | null = null;
  if (rawPort !== null) {
    if (!/^\d{1,5}$/.test(rawPort)) return refuse('link.port_invalid');
    const value = Number(rawPort);
    if (value < 1 || value > 65535) return refuse('link.port_invalid');
    port = value === DEFAULT_PORTS[scheme] ? null : value;
  }

  const hashAt = tail.indexOf('#');
  const beforeHash = hashAt === -1 ? tail : tail.slice(0, hashAt);
  const rawFragment = hashAt === -1 ? null : tail.slice(hashAt + 1);
  const queryAt = beforeHash.indexOf('?');
  const rawPath = queryAt === -1 ? beforeHash : beforeHash.slice(0, queryAt);
  const rawQuery = queryAt === -1 ? null : beforeHash.slice(queryAt + 1);

  const path = encodePart(rawPath === '' ? '/' : rawPath);
  if (typeof path !== 'string') return path;
  const query = rawQuery === null ? null : encodePart(rawQuery);
  if (query !== null && typeof query !== 'string') return query;
  const fragment = rawFragment === null ? null : encodePart(rawFragment);
  if (fragment !== null && typeof fragment !== 'string') return fragment;

  const url: Omit<DestinationUrl, 'href'> = { scheme, host, port, path, query, fragment };
  const href = formatDestinationUrl(url);
  if (href.length > MAX_LINK_LENGTH) return refuse('link.too_long', { limit: MAX_LINK_LENGTH });
  return { ok: true, url: { ...url, href } };
}

/** Writes the parts of a destination back as a URL. */
export function formatDestinationUrl(url: Omit<DestinationUrl, 'href'>): string {
  return (
    `${url.scheme}://${url.host}${url.port === null ? '' : `:${url.port}`}${url.path}` +
    `${url.query === null ? '' : `?${url.query}`}${url.fragment === null ? '' : `#${url.fragment}`}`
  );
}

/** True when the link is an acceptable destination. */
export function isDestinationUrl(input: unknown): boolean {
  return parseDestinationUrl(input).ok;
}
