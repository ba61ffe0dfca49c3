import { instantOfWallClock, wallClockMs } from '../time-zones/wall-clock';

/** A subscription's `p256dh`: base64url of an uncompressed P-256 point (65 bytes, first 0x04). */
export const PUSH_P256DH_BYTES = 65;
/** A subscription's `auth` secret: base64url of 16 bytes. */
export const PUSH_AUTH_BYTES = 16;

const BASE64URL = /^[A-Za-z0-9_-]*$/;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function base64UrlBytes(value: string): number[] | null {
  if (!BASE64URL.test(value) || value.length % 4 === 1) return null;
  const bytes: number[] = [];
  let bits = 0;
  let buffer = 0;
  for (const char of value) {
    buffer = (buffer << 6) | ALPHABET.indexOf(char);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  return bytes;
}

export type PushKeyProblem = 'push.bad_key_encoding' | 'push.bad_key_length';

/** What is wrong with a browser's subscription key (`p256dh` or `auth`), or null. Web and API share it. */
export function pushKeyProblem(name: 'p256dh' | 'auth', value: string): PushKeyProblem | null {
  const bytes = base64UrlBytes(value.replace(/=+$/, ''));
  if (!bytes) return 'push.bad_key_encoding';
  if (name === 'auth') return bytes.length === PUSH_AUTH_BYTES ? null : 'push.bad_key_length';
  return bytes.length === PUSH_P256DH_BYTES && bytes[0] === 4 ? null : 'push.bad_key_length';
}

/** `HH:MM`, 00:00 to 23:59. */
export const QUIET_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
const DAY_MS = 86_400_000;

/**
 * When the member's quiet hours (`start`–`end`, local `HH:MM` in `timeZone`, across midnight when
 * `start` is later than `end`) hold a message sent at `now`: the instant they end; null when `now`
 * is outside them (or they are not set, or start equals end).
 */
export function quietHoursEnd(
  now: number,
  timeZone: string,
  start: string | null,
  end: string | null,
): number | null {
  if (!start || !end || !QUIET_TIME.test(start) || !QUIET_TIME.test(end)) return null;
  const from = minutesOf(start);
  const to = minutesOf(end);
  if (from === to) return null;
  const wall = wallClockMs(now, timeZone);
  const dayStart = wall - (((wall % DAY_MS) + DAY_MS) % DAY_MS);
  const minute = Math.floor((wall - dayStart) / 60_000);
  const inside = from < to ? minute >= from && minute < to : minute >= from || minute < to;
  if (!inside) return null;
  let endWall = dayStart + to * 60_000;
  if (endWall <= wall) endWall += DAY_MS;
  return instantOfWallClock(endWall, timeZone);
}
