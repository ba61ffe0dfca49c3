import { isIPv4, isIPv6 } from 'node:net';
import proxyaddr from 'proxy-addr';

/**
 * Which peers may say who the client is (`TRUST_PROXY`), as Express's `trust proxy` takes it: a hop
 * count (the client is that many `X-Forwarded-For` entries in from the socket's peer), or a list of
 * addresses, CIDR ranges and the names `loopback`, `linklocal`, `uniquelocal` (a peer in the list is
 * a proxy; the client is the first address, from the right, that is not). Plain data, so it crosses
 * to the redirect listener's thread.
 */
export type TrustProxy = number | readonly string[];

/** Is the `i`-th address from the socket's peer inwards (0: the peer) a proxy to look through? */
export type TrustFunction = (address: string, i: number) => boolean;

/** proxy-addr's named ranges. */
const NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * `TRUST_PROXY` read: empty is `loopback`; a whole number is a hop count; anything else a
 * comma-separated list whose every entry proxy-addr accepts. Throws a message naming the bad entry.
 */
export function parseTrustProxy(raw: string | undefined): TrustProxy {
  const value = (raw ?? '').trim();
  if (value === '') return ['loopback'];
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > 64) throw new Error(`a hop count must be between 0 and 64, got ${hops}`);
    return hops;
  }
  if (/^(true|false|yes|no)$/i.test(value)) {
    throw new Error(
      `"${value}" is not accepted: give the number of proxies in front (0 for none), their addresses or CIDR ranges, or loopback`,
    );
  }
  const entries = value.split(',').map((entry) => entry.trim());
  for (const entry of entries) {
    if (entry === '') throw new Error('has an empty entry');
    if (NAMES.has(entry.toLowerCase())) continue;
    try {
      proxyaddr.compile(entry);
    } catch {
      throw new Error(
        `"${entry}" is not an IP address, a CIDR range (10.0.0.0/8, fd00::/8), loopback, linklocal or uniquelocal`,
      );
    }
  }
  return entries.map((entry) => (NAMES.has(entry.toLowerCase()) ? entry.toLowerCase() : entry));
}

/** The trust function of a setting: Express's for a hop count, proxy-addr's for a list. */
export function compileTrust(setting: TrustProxy): TrustFunction {
  if (typeof setting === 'number') return (_address, i) => i < setting;
  return proxyaddr.compile([...setting]);
}

/**
 * The client's address as Express computes `req.ip` with the same trust function (proxy-addr's
 * walk): the socket's peer, then the `X-Forwarded-For` entries from the right; the first address
 * that is not trusted is the client, and when every one is, the left-most entry. Works on the raw
 * header value, so the redirect's hot path builds no `headers` object.
 */
export function clientAddressOf(
  remote: string,
  forwardedFor: string | undefined,
  trust: TrustFunction,
): string {
  if (forwardedFor === undefined || forwardedFor === '' || !trust(remote, 0)) return remote;
  const hops = forwardedFor.split(',');
  let last = remote;
  for (let i = hops.length - 1, n = 1; i >= 0; i--) {
    const hop = (hops[i] as string).trim();
    if (hop === '') continue; // proxy-addr's parser skips empty entries too
    last = hop;
    if (!trust(hop, n++)) return hop;
  }
  return last;
}

/** What a client address groups into: the visitor's address part and its network (a prefix). */
export interface AddressGroups {
  /** IPv4: the address; IPv6: its /64 (one household or device gets many addresses of one /64). */
  readonly visitor: string;
  /** `4:a.b.c` (the /24) or `6:h:h:h:h` (the /64); `?` for anything that is not an address. */
  readonly network: string;
}

const UNPARSED: AddressGroups = { visitor: '', network: '?' };

/**
 * Groups a client address for the visitor hash, the anomaly checks and the rate limits: IPv4
 * (IPv4-mapped IPv6 included) by its /24 as its network, IPv6 by its /64 for both. Never stored:
 * callers hash what it returns.
 */
export function addressGroups(address: string): AddressGroups {
  let v4 = address;
  if (address.length > 7 && address.charCodeAt(0) === 58 /* : */ && address.startsWith('::ffff:')) {
    v4 = address.slice(7);
  }
  if (isIPv4(v4)) return { visitor: v4, network: `4:${v4.slice(0, v4.lastIndexOf('.'))}` };
  const zone = address.indexOf('%');
  const v6 = zone === -1 ? address : address.slice(0, zone);
  if (!isIPv6(v6)) return address === '' ? UNPARSED : { visitor: address, network: '?' };
  const prefix = `6:${ipv6Head(v6.toLowerCase())}`;
  return { visitor: prefix, network: prefix };
}

/** The first four groups of a valid IPv6 address, without leading zeros, `:`-separated. */
function ipv6Head(address: string): string {
  const gap = address.indexOf('::');
  let groups: string[];
  if (gap === -1) {
    groups = address.split(':');
  } else {
    const head = gap === 0 ? [] : address.slice(0, gap).split(':');
    const tailText = address.slice(gap + 2);
    const tail = tailText === '' ? [] : tailText.split(':');
    // An embedded IPv4 at the end holds two groups.
    const tailGroups = tail.length + (tailText.includes('.') ? 1 : 0);
    groups = [...head, ...Array<string>(8 - head.length - tailGroups).fill('0'), ...tail];
  }
  return groups
    .slice(0, 4)
    .map((group) => (group.includes('.') ? group : parseInt(group, 16).toString(16)))
    .join(':');
}
