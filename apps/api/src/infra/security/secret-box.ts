import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const SALT = 'heimo:secret-box';
const SEALED = /^v1\.([A-Za-z0-9_-]{8})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{22,})$/;

/** AUTH_SECRET (or the generated one) and AUTH_SECRET_PREVIOUS; SecurityModule provides them. */
export interface SecretBoxSecrets {
  readonly current: string;
  readonly previous: readonly string[];
}

export const SECRET_BOX_SECRETS = Symbol('SECRET_BOX_SECRETS');

export type SecretBoxFailure = 'malformed' | 'unknown_key' | 'tampered';

/** A sealed value that cannot be opened. Its message never contains the value or a key. */
export class SecretBoxError extends Error {
  constructor(readonly failure: SecretBoxFailure) {
    super(`secret-box: ${failure}`);
    this.name = 'SecretBoxError';
  }
}

interface BoxKey {
  readonly id: string;
  readonly key: Buffer;
}

function deriveKey(secret: string): BoxKey {
  const derive = (info: string, length: number) =>
    Buffer.from(hkdfSync('sha256', secret, SALT, info, length));
  // The key id is derived too: it names the secret without revealing anything usable about it.
  return {
    id: derive(`${VERSION}:key-id`, 6).toString('base64url'),
    key: derive(`${VERSION}:aes-256-gcm`, 32),
  };
}

/**
 * Encrypts secrets kept in the database (OpenID client secrets, webhook secrets, connected-account
 * tokens) with AES-256-GCM under a key derived from AUTH_SECRET. A sealed value reads
 * `v1.<key id>.<iv>.<ciphertext and tag>` (base64url) and is bound to a context, such as
 * `webhook-secret:<row id>`, so a value copied to another row or purpose does not open. Values
 * sealed under an earlier secret (AUTH_SECRET_PREVIOUS) still open; `isCurrent` tells which to re-seal.
 */
@Injectable()
export class SecretBox {
  private readonly current: BoxKey;
  private readonly keys: ReadonlyMap<string, BoxKey>;

  constructor(@Inject(SECRET_BOX_SECRETS) secrets: SecretBoxSecrets) {
    this.current = deriveKey(secrets.current);
    const all = [this.current, ...secrets.previous.map(deriveKey)];
    // The current key wins a (vanishingly unlikely) key-id collision with an earlier one.
    this.keys = new Map(all.reverse().map((key) => [key.id, key]));
  }

  seal(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
    cipher.setAAD(associatedData(this.current.id, context));
    const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return [VERSION, this.current.id, iv.toString('base64url'), sealed.toString('base64url')].join('.');
  }

  open(sealed: string, context: string): string {
    const match = SEALED.exec(sealed);
    if (!match) throw new SecretBoxError('malformed');
    const [, keyId, ivText, bodyText] = match as unknown as [string, string, string, string];
    const key = this.keys.get(keyId);
    if (!key) throw new SecretBoxError('unknown_key');
    const iv = Buffer.from(ivText, 'base64url');
    const body = Buffer.from(bodyText, 'base64url');
    if (iv.length !== IV_BYTES || body.length < TAG_BYTES) throw new SecretBoxError('malformed');
    const decipher = createDecipheriv('aes-256-gcm', key.key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData(key.id, context));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    try {
      return Buffer.concat([
        decipher.update(body.subarray(0, body.length - TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      throw new SecretBoxError('tampered');
    }
  }

  /** Whether a sealed value is under the current key; values that are not can be opened and sealed again. */
  isCurrent(sealed: string): boolean {
    return SEALED.exec(sealed)?.[1] === this.current.id;
  }
}

const associatedData = (keyId: string, context: string) =>
  Buffer.from(`${VERSION}.${keyId}.${context}`, 'utf8');
