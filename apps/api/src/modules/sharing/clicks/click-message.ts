import { randomUUID } from 'node:crypto';
import { PREVIEW_REASONS, type PreviewReason } from '@heimo/domain';

/**
 * A click on its way to the worker, as decoded from a batch line. Its `id` is fixed when the click
 * shipper writes the line (from the batch's uuid and the click's place in it), before the line can
 * be stored or journalled, so replays of the same line (a journal replayed twice, a batch delivered
 * again) carry the same ids.
 */
export interface ClickMessage {
  /** uuid, the click event's id. */
  readonly id: string;
  /** Milliseconds since the epoch. */
  readonly at: number;
  readonly shareId: string;
  /** 32 hex characters: the truncated visitor HMAC (never the address). */
  readonly visitor: string;
  /** Null for a human click. */
  readonly previewReason: PreviewReason | null;
  readonly referrerHost: string | null;
  /**
   * 16 hex characters: the keyed hash of the visitor's network (/24 or /64) under the same day key
   * as `visitor` (never the address); absent or null when unknown (format 1 and 2 lines).
   */
  readonly network?: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const VISITOR = /^[0-9a-f]{32}$/;
const NETWORK = /^[0-9a-f]{16}$/;
const REASONS = new Set<unknown>(PREVIEW_REASONS);
const MAX_HOST = 255;

/**
 * Most clicks one batch line can hold: a click's id is the batch id with its last 4 hex digits
 * replaced by the click's position (see {@link ClickBatchWriter}).
 */
export const MAX_CLICKS_PER_BATCH = 0x10000;

/**
 * One batch of clicks as one stream entry or journal line, format 3 (written since 2026-12-07):
 *
 * ```
 * {"v":3,"id":<batch uuid>,"t":<ms>,"s":[share ids],"h":[referrer hosts],"r":[preview reasons],
 *  "c":[Δt,share,"visitor",reason,host,"network", Δt,share,"visitor",reason,host,"network", …]}
 * ```
 *
 * Per click six values: milliseconds after `t`, the index of its share in `s`, its visitor hash,
 * 1 + the index of its preview reason in `r` and of its referrer host in `h` (0: none), and its
 * network hash (0: none). Format 2 (2026-11-24 to 2026-12-07) is the same without the network
 * hash, five values a click; it is still read. Click k
 * (from 0) has the id `<first 32 characters of the batch id><k as 4 hex digits>`, so a batch read or
 * replayed twice gives the same ids, and the id costs no bytes per click. About 45 bytes a click
 * where format 1 (one array per click with both uuids) took about 150: the shipper builds, Redis
 * stores and the worker parses a third as much (bench/redirect).
 *
 * Built by concatenation in one pass (the shipper's per-click work, see `ClickShipper.encode`):
 * visitors are hex from the hasher and indexes are integers; the tables go through JSON.stringify.
 */
export class ClickBatchWriter {
  private readonly idPrefix: string;
  private base = 0;
  private body = '';
  private clicks = 0;
  private readonly shares = new Map<string, number>();
  private readonly hosts = new Map<string, number>();
  private readonly reasons = new Map<PreviewReason, number>();

  private readonly batchId: string;

  /** `batchId`: a random (version 4) uuid, never used for another batch. */
  constructor(batchId: string = randomUUID()) {
    if (!UUID.test(batchId)) throw new TypeError('a click batch id must be a uuid');
    this.batchId = batchId.toLowerCase();
    this.idPrefix = this.batchId.slice(0, 32);
  }

  get size(): number {
    return this.clicks;
  }

  get full(): boolean {
    return this.clicks >= MAX_CLICKS_PER_BATCH;
  }

  /** Adds one click; `shareId` must be a uuid and `visitor` 32 hex characters. */
  add(
    at: number,
    shareId: string,
    visitor: string,
    previewReason: PreviewReason | null,
    referrerHost: string | null,
    network: string | null = null,
  ): void {
    if (this.full) throw new RangeError(`a click batch holds at most ${MAX_CLICKS_PER_BATCH} clicks`);
    if (this.clicks === 0) this.base = at;
    let share = this.shares.get(shareId);
    if (share === undefined) {
      share = this.shares.size;
      this.shares.set(shareId, share);
    }
    const reason = previewReason === null ? 0 : indexIn(this.reasons, previewReason);
    const host = referrerHost === null ? 0 : indexIn(this.hosts, referrerHost);
    this.body += `${this.clicks === 0 ? '' : ','}${at - this.base},${share},"${visitor}",${reason},${host},${network === null ? '0' : `"${network}"`}`;
    this.clicks += 1;
  }

  /** The id the click at `position` gets. */
  idOf(position: number): string {
    return clickIdOf(this.idPrefix, position);
  }

  line(): string {
    return (
      `{"v":3,"id":"${this.batchId}","t":${this.base},"s":${JSON.stringify([...this.shares.keys()])},` +
      `"h":${JSON.stringify([...this.hosts.keys()])},"r":${JSON.stringify([...this.reasons.keys()])},"c":[${this.body}]}`
    );
  }
}

/** 1 + the key's index in `table`, added at the end when new. */
function indexIn<K>(table: Map<K, number>, key: K): number {
  let index = table.get(key);
  if (index === undefined) {
    index = table.size + 1;
    table.set(key, index);
  }
  return index;
}

function clickIdOf(idPrefix: string, position: number): string {
  return `${idPrefix}${(0x10000 + position).toString(16).slice(1)}`;
}

/**
 * Format 1, written before 2026-11-24: a JSON array of `[id, at, shareId, visitor, previewReason,
 * referrerHost]` per click. Still read (journal files and stream entries an earlier version left);
 * written only where a click's id must be chosen freely (tests of replays).
 */
export function encodeClickBatch(batch: readonly ClickMessage[]): string {
  return JSON.stringify(
    batch.map((m) => [m.id, m.at, m.shareId, m.visitor, m.previewReason, m.referrerHost]),
  );
}

/**
 * Parses a batch line of either format; malformed clicks are left out (never thrown), so one bad
 * entry cannot block the stream.
 */
export function decodeClickBatch(text: string): ClickMessage[] {
  return readClickBatch(text).clicks ?? [];
}

/**
 * Like {@link decodeClickBatch}, but tells a line of a format this version does not read (a JSON
 * object whose `v` is a number other than 2 or 3: `clicks` is null) from a malformed one (no clicks).
 * Any later format must be such an object, so that a worker of an older version keeps its lines for
 * a newer one (`ClickStreamConsumer` parks them) instead of dropping them.
 */
export function readClickBatch(text: string): { format: number | null; clicks: ClickMessage[] | null } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { format: null, clicks: [] };
  }
  if (Array.isArray(parsed)) return { format: 1, clicks: decodeFormat1(parsed) };
  if (typeof parsed !== 'object' || parsed === null) return { format: null, clicks: [] };
  const format = (parsed as { v?: unknown }).v;
  if (typeof format !== 'number') return { format: null, clicks: [] };
  if (format === 2 || format === 3) {
    return { format, clicks: decodeFormat2(parsed as Record<string, unknown>, format === 3 ? 6 : 5) };
  }
  return { format, clicks: null };
}

const isTime = (at: unknown): at is number => typeof at === 'number' && Number.isSafeInteger(at) && at > 0;
const isVisitor = (visitor: unknown): visitor is string =>
  typeof visitor === 'string' && VISITOR.test(visitor);
const isHost = (host: unknown): host is string => typeof host === 'string' && host.length <= MAX_HOST;

/** Formats 2 (`width` 5) and 3 (`width` 6: the network hash after the host). */
function decodeFormat2(batch: Record<string, unknown>, width: 5 | 6): ClickMessage[] {
  const { id, t, s, h, r, c } = batch;
  if (
    typeof id !== 'string' ||
    !UUID.test(id) ||
    !isTime(t) ||
    !Array.isArray(s) ||
    !Array.isArray(h) ||
    !Array.isArray(r) ||
    !Array.isArray(c) ||
    c.length % width !== 0 ||
    c.length / width > MAX_CLICKS_PER_BATCH
  ) {
    return [];
  }
  // A bad table entry only makes the clicks that point at it bad.
  const shares = s.map((share) =>
    typeof share === 'string' && UUID.test(share) ? share.toLowerCase() : null,
  );
  const hosts = h.map((host) => (isHost(host) ? host : undefined));
  const reasons = r.map((reason) => (REASONS.has(reason) ? (reason as PreviewReason) : undefined));
  const idPrefix = id.slice(0, 32).toLowerCase();
  const out: ClickMessage[] = [];
  for (let k = 0, i = 0; i < c.length; k++, i += width) {
    const delta: unknown = c[i];
    const share: unknown = c[i + 1];
    const visitor: unknown = c[i + 2];
    const reason: unknown = c[i + 3];
    const host: unknown = c[i + 4];
    const net: unknown = width === 6 ? c[i + 5] : 0;
    const at = typeof delta === 'number' && Number.isSafeInteger(delta) ? t + delta : NaN;
    const shareId = Number.isInteger(share) ? shares[share as number] : undefined;
    const previewReason =
      reason === 0 ? null : Number.isInteger(reason) ? reasons[(reason as number) - 1] : undefined;
    const referrerHost = host === 0 ? null : Number.isInteger(host) ? hosts[(host as number) - 1] : undefined;
    const network = net === 0 ? null : typeof net === 'string' && NETWORK.test(net) ? net : undefined;
    if (
      network === undefined ||
      !isTime(at) ||
      !shareId ||
      !isVisitor(visitor) ||
      previewReason === undefined ||
      referrerHost === undefined
    ) {
      continue;
    }
    const decoded: ClickMessage = {
      id: clickIdOf(idPrefix, k),
      at,
      shareId,
      visitor,
      previewReason,
      referrerHost,
    };
    out.push(width === 6 ? { ...decoded, network } : decoded);
  }
  return out;
}

function decodeFormat1(parsed: unknown[]): ClickMessage[] {
  const out: ClickMessage[] = [];
  for (const item of parsed) {
    if (!Array.isArray(item) || item.length !== 6) continue;
    const [id, at, shareId, visitor, previewReason, referrerHost] = item as unknown[];
    if (
      typeof id !== 'string' ||
      !UUID.test(id) ||
      !isTime(at) ||
      typeof shareId !== 'string' ||
      !UUID.test(shareId) ||
      !isVisitor(visitor) ||
      (previewReason !== null && !REASONS.has(previewReason)) ||
      (referrerHost !== null && !isHost(referrerHost))
    ) {
      continue;
    }
    out.push({
      id: id.toLowerCase(),
      at,
      shareId: shareId.toLowerCase(),
      visitor,
      previewReason: previewReason as PreviewReason | null,
      referrerHost: referrerHost as string | null,
    });
  }
  return out;
}
