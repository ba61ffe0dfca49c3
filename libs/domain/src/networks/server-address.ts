/**
 * The address of a member's own server on a federated network (Mastodon), as the member types it:
 * `example.social`, `https://example.social` or `https://example.social/` (a trailing slash, an
 * upper-case host and the default port are fine), or their handle `@alice@example.social`, whose
 * server part is taken. What it reduces to is the origin every call and
 * share page uses: `https://example.social`.
 */
export interface ServerAddress {
  /** `https://host` or `https://host:port` (`http://` only where the caller allowed it). */
  readonly origin: string;
  /** The host name as the origin holds it (lower case, punycode for an international name). */
  readonly host: string;
}

/**
 * Why an address is refused:
 * - `empty`: nothing typed.
 * - `malformed`: not a host name or an absolute URL (spaces, no dot in a bare host, …).
 * - `not_https`: a scheme other than https (http only where the caller allows it).
 * - `has_path`: a path, query or fragment; a server is named by its origin alone.
 * - `has_credentials`: a user name or password in the address.
 */
export type ServerAddressProblem = 'empty' | 'malformed' | 'not_https' | 'has_path' | 'has_credentials';

/**
 * The WHATWG URL parser, which every runtime Heimo runs on has (Node, browsers); declared here for
 * the part this file uses, since the library compiles without DOM or Node typings.
 */
declare const URL: new (input: string) => {
  readonly protocol: string;
  readonly username: string;
  readonly password: string;
  readonly hostname: string;
  readonly pathname: string;
  readonly search: string;
  readonly hash: string;
  readonly origin: string;
};

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
// A host name label: letters, digits and hyphens, not starting or ending with a hyphen (after
// punycode, so an international name passes as its xn-- form).
const HANDLE = /^@?[^@/:]+@([^@]+)$/u;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * Parses a server address without the network. Whether the host's addresses are public is the
 * caller's check (the API refuses private and loopback addresses before it calls the server).
 */
export function parseServerAddress(
  raw: string,
  options: { readonly allowHttp?: boolean } = {},
): { ok: true; value: ServerAddress } | { ok: false; problem: ServerAddressProblem } {
  const typed = raw.trim();
  if (typed === '') return { ok: false, problem: 'empty' };
  if (/\s/u.test(typed)) return { ok: false, problem: 'malformed' };
  const handle = SCHEME.test(typed) ? null : HANDLE.exec(typed);
  const bare = handle?.[1] ?? typed;
  const withScheme = SCHEME.test(bare) ? bare : `https://${bare}`;
  let url: InstanceType<typeof URL>;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, problem: 'malformed' };
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && options.allowHttp))
    return { ok: false, problem: 'not_https' };
  if (url.username || url.password) return { ok: false, problem: 'has_credentials' };
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || /[?#]/u.test(typed))
    return { ok: false, problem: 'has_path' };
  const host = url.hostname;
  const isIpLiteral = host.startsWith('[') || /^\d{1,3}(\.\d{1,3}){3}$/u.test(host);
  if (!isIpLiteral) {
    const labels = host.split('.');
    if (labels.length < 2 && host !== 'localhost') return { ok: false, problem: 'malformed' };
    if (!labels.every((label) => LABEL.test(label))) return { ok: false, problem: 'malformed' };
  }
  return { ok: true, value: { origin: url.origin, host } };
}
