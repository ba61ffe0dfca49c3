import { PREVIEW_REASONS, type PreviewReason } from '@heimo/domain';

/**
 * A visit as the redirect saw it, on its way to the worker. Made at redirect time, so replays of
 * the same message (a journal replayed twice, a batch delivered again) carry the same `id`.
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
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const VISITOR = /^[0-9a-f]{32}$/;
const REASONS = new Set<unknown>(PREVIEW_REASONS);

/**
 * One batch as one compact JSON line of positional arrays (no key names repeated per click). Built
 * by concatenation: ids, codes and reasons are from fixed alphabets, the host goes through
 * JSON.stringify; measurably cheaper than stringifying an array per click on the redirect's process.
 */
export function encodeClickBatch(batch: readonly ClickMessage[]): string {
  let line = '[';
  for (let i = 0; i < batch.length; i++) {
    const m = batch[i] as ClickMessage;
    if (i > 0) line += ',';
    line += encodeClick(m.id, m.at, m.shareId, m.visitor, m.previewReason, m.referrerHost);
  }
  return `${line}]`;
}

/** One click of a batch line (see {@link encodeClickBatch}), from its fields. */
export function encodeClick(
  id: string,
  at: number,
  shareId: string,
  visitor: string,
  previewReason: PreviewReason | null,
  referrerHost: string | null,
): string {
  return (
    `["${id}",${at},"${shareId}","${visitor}",` +
    `${previewReason === null ? 'null' : `"${previewReason}"`},` +
    `${referrerHost === null ? 'null' : JSON.stringify(referrerHost)}]`
  );
}

/** Parses a batch; malformed clicks are left out (never thrown), so one bad entry cannot block the stream. */
export function decodeClickBatch(text: string): ClickMessage[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  const out: ClickMessage[] = [];
  for (const item of parsed as unknown[]) {
    if (!Array.isArray(item) || item.length !== 6) continue;
    const [id, at, shareId, visitor, previewReason, referrerHost] = item as unknown[];
    if (
      typeof id !== 'string' ||
      !UUID.test(id) ||
      typeof at !== 'number' ||
      !Number.isSafeInteger(at) ||
      at <= 0 ||
      typeof shareId !== 'string' ||
      !UUID.test(shareId) ||
      typeof visitor !== 'string' ||
      !VISITOR.test(visitor) ||
      (previewReason !== null && !REASONS.has(previewReason)) ||
      (referrerHost !== null && (typeof referrerHost !== 'string' || referrerHost.length > 255))
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
