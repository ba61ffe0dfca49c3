import { createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { RUNTIME_SERVICES, type RuntimeServices } from '../../infra/config/config.module';

/** What an unsubscribe link turns off: one kind of message, or every kind. */
export const UNSUBSCRIBE_TOPICS = [
  'pack_alerts',
  'training_reminders',
  'weekly_summary',
  'review_alerts',
  'all',
] as const;
export type UnsubscribeTopic = (typeof UNSUBSCRIBE_TOPICS)[number];

/** How long a link in an e-mail keeps working. */
export const UNSUBSCRIBE_TOKEN_DAYS = 90;
const DAY = 24 * 3600 * 1000;

export type TokenCheck =
  | { readonly ok: true; readonly memberId: string; readonly topic: UnsubscribeTopic }
  | { readonly ok: false; readonly reason: 'invalid' | 'expired' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Signed, expiring unsubscribe tokens: `<member id>.<topic>.<expiry day>.<signature>`, the signature
 * an HMAC-SHA256 (cut to 16 bytes, base64url) under a key derived from the server secret. Nothing
 * is stored: a token is valid when its signature matches and its day has not passed.
 */
@Injectable()
export class UnsubscribeTokens {
  private readonly key: Buffer;

  constructor(@Inject(RUNTIME_SERVICES) services: Pick<RuntimeServices, 'authSecret'>) {
    this.key = createHmac('sha256', services.authSecret).update('heimo:unsubscribe:v1').digest();
  }

  issue(memberId: string, topic: UnsubscribeTopic, now: Date = new Date()): string {
    // Valid until the start (UTC) of the day after 90 days: 90 to 91 days, never less than 90.
    const expiresDay = Math.floor(now.getTime() / DAY) + UNSUBSCRIBE_TOKEN_DAYS + 1;
    const body = `${memberId}.${topic}.${expiresDay}`;
    return `${body}.${this.sign(body)}`;
  }

  check(token: string, now: Date = new Date()): TokenCheck {
    const parts = token.split('.');
    if (parts.length !== 4) return { ok: false, reason: 'invalid' };
    const [memberId, topic, day, signature] = parts as [string, string, string, string];
    if (
      !UUID.test(memberId) ||
      !(UNSUBSCRIBE_TOPICS as readonly string[]).includes(topic) ||
      !/^\d{1,7}$/.test(day)
    )
      return { ok: false, reason: 'invalid' };
    const expected = Buffer.from(this.sign(`${memberId}.${topic}.${day}`));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      return { ok: false, reason: 'invalid' };
    if (Number(day) * DAY <= now.getTime()) return { ok: false, reason: 'expired' };
    return { ok: true, memberId, topic: topic as UnsubscribeTopic };
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest().subarray(0, 16).toString('base64url');
  }
}
