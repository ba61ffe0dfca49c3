import { isIP } from 'node:net';

/** Why an address may not be fetched; `null` from `blockedAddressReason` means a public address. */
export type BlockedAddressReason =
  | 'unparsable'
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'shared'
  | 'link_local'
  | 'multicast'
  | 'reserved'
  | 'documentation'
  | 'not_global';

interface Ipv4Range {
  readonly base: number;
  readonly bits: number;
  readonly reason: BlockedAddressReason;
}

function v4(dotted: string, bits: number, reason: BlockedAddressReason): Ipv4Range {
  const base = parseIpv4(dotted);
  if (base === null) throw new Error(`not an IPv4 range: ${dotted}`);
  return { base, bits, reason };
}

/** IPv4 ranges that are not the public internet (IANA special-purpose registry). */
const IPV4_BLOCKED: readonly Ipv4Range[] = [
  v4('0.0.0.0', 8, 'unspecified'),
  v4('10.0.0.0', 8, 'private'),
  v4('100.64.0.0', 10, 'shared'),
  v4('127.0.0.0', 8, 'loopback'),
  // Cloud metadata services (169.254.169.254) live here.
  v4('169.254.0.0', 16, 'link_local'),
  v4('172.16.0.0', 12, 'private'),
  v4('192.0.0.0', 24, 'reserved'),
  v4('192.0.2.0', 24, 'documentation'),
  v4('192.88.99.0', 24, 'reserved'),
  v4('192.168.0.0', 16, 'private'),
  v4('198.18.0.0', 15, 'reserved'),
  v4('198.51.100.0', 24, 'documentation'),
  v4('203.0.113.0', 24, 'documentation'),
  v4('224.0.0.0', 4, 'multicast'),
  v4('240.0.0.0', 4, 'reserved'),
];

/** A dotted-quad IPv4 address as an unsigned 32-bit number, or null. */
export function parseIpv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return null;
    const octet = Number(part);
    if (octet > 255) return null;
    value = value * 256 + octet;
  }
  return value;
}

/** An IPv6 address (zone id dropped, embedded IPv4 allowed) as eight 16-bit groups, or null. */
export function parseIpv6(text: string): number[] | null {
  let address = text.replace(/^\[|\]$/g, '');
  const zone = address.indexOf('%');
  if (zone >= 0) address = address.slice(0, zone);
  if (isIP(address) !== 6) return null;
  let tail: number[] = [];
  const lastColon = address.lastIndexOf(':');
  const last = address.slice(lastColon + 1);
  if (last.includes('.')) {
    const embedded = parseIpv4(last);
    if (embedded === null) return null;
    tail = [Math.floor(embedded / 65536), embedded % 65536];
    address = `${address.slice(0, lastColon + 1)}0:0`;
  }
  const [head, rest] = address.includes('::') ? address.split('::') : [address, undefined];
  const groups = (part: string | undefined) =>
    part ? part.split(':').map((group) => Number.parseInt(group, 16)) : [];
  const left = groups(head);
  const right = groups(rest);
  const missing = 8 - left.length - right.length;
  const all = rest === undefined ? left : [...left, ...new Array<number>(missing).fill(0), ...right];
  if (all.length !== 8 || all.some((group) => Number.isNaN(group) || group < 0 || group > 0xffff))
    return null;
  if (tail.length) all.splice(6, 2, ...tail);
  return all;
}

function ipv4Reason(value: number): BlockedAddressReason | null {
  for (const range of IPV4_BLOCKED) {
    const size = 2 ** (32 - range.bits);
    if (value >= range.base && value < range.base + size) return range.reason;
  }
  return null;
}

const embeddedIpv4 = (groups: readonly number[], at: number) =>
  (groups[at] ?? 0) * 65536 + (groups[at + 1] ?? 0);

function ipv6Reason(groups: readonly number[]): BlockedAddressReason | null {
  const [g0, g1, g2, g3, g4, g5] = groups as [number, number, number, number, number, number];
  const zeroTo = (n: number) => groups.slice(0, n).every((group) => group === 0);
  if (zeroTo(8)) return 'unspecified';
  if (zeroTo(7) && groups[7] === 1) return 'loopback';
  // ::ffff:a.b.c.d (IPv4-mapped) and ::a.b.c.d (IPv4-compatible) reach the IPv4 address.
  if (zeroTo(5) && g5 === 0xffff) return ipv4Reason(embeddedIpv4(groups, 6));
  if (zeroTo(6)) return ipv4Reason(embeddedIpv4(groups, 6)) ?? 'reserved';
  // 64:ff9b::a.b.c.d (NAT64 well-known prefix) reaches the IPv4 address through the translator.
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0)
    return ipv4Reason(embeddedIpv4(groups, 6));
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 1) return 'reserved';
  // 2002:wwxx:yyzz::/48 (6to4) reaches the IPv4 address w.x.y.z.
  if (g0 === 0x2002) return ipv4Reason(embeddedIpv4(groups, 1));
  if ((g0 & 0xff00) === 0xff00) return 'multicast';
  if ((g0 & 0xfe00) === 0xfc00) return 'private';
  if ((g0 & 0xffc0) === 0xfe80 || (g0 & 0xffc0) === 0xfec0) return 'link_local';
  if (g0 === 0x2001 && g1 === 0x0db8) return 'documentation';
  // 2001::/23: Teredo (which hides an IPv4 address), ORCHID and other protocol assignments.
  if (g0 === 0x2001 && g1 < 0x0200) return 'reserved';
  // Only 2000::/3 is global unicast.
  if ((g0 & 0xe000) !== 0x2000) return 'not_global';
  return null;
}

/**
 * Why a resolved address must not be fetched (loopback, private, shared CGNAT, link-local and
 * cloud metadata, multicast, reserved, and IPv6 forms that reach any of those), or null when it is
 * a public address. Anything that does not parse as an address is refused.
 */
export function blockedAddressReason(address: string): BlockedAddressReason | null {
  const ipv4 = parseIpv4(address);
  if (ipv4 !== null) return ipv4Reason(ipv4);
  const ipv6 = parseIpv6(address);
  if (ipv6 !== null) return ipv6Reason(ipv6);
  return 'unparsable';
}
