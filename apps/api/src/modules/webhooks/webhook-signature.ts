import { createHmac, randomBytes } from 'node:crypto';

const SECRET_PREFIX = 'whsec_';
/** 32 random bytes: the Standard Webhooks spec asks for 24 to 64. */
const SECRET_BYTES = 32;

/** A new endpoint secret, `whsec_` and the base64 of random bytes (what receivers' libraries take). */
export function newWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(SECRET_BYTES).toString('base64')}`;
}

/** A new `webhook-id`: one per event, the same on every endpoint and attempt (receivers dedupe on it). */
export function newMessageId(): string {
  return `msg_${randomBytes(16).toString('base64url')}`;
}

/**
 * One `v1,<base64>` signature by the Standard Webhooks scheme: HMAC-SHA256, under the secret's
 * decoded bytes, of `<webhook-id>.<webhook-timestamp>.<body>`.
 */
export function signatureOf(secret: string, messageId: string, timestamp: number, body: string): string {
  const key = Buffer.from(
    secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret,
    'base64',
  );
  const mac = createHmac('sha256', key).update(`${messageId}.${timestamp}.${body}`, 'utf8').digest('base64');
  return `v1,${mac}`;
}

/**
 * The three headers of a delivery, signed now. With two secrets (a rotation's overlap) the signature
 * header carries both signatures, space-separated: a receiver with either secret accepts it.
 */
export function signedHeaders(
  secrets: readonly string[],
  messageId: string,
  body: string,
  now: Date = new Date(),
): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': secrets.map((secret) => signatureOf(secret, messageId, timestamp, body)).join(' '),
  };
}
