import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { SHARE_CODE_LENGTH } from '@heimo/content';
import type { EntityManager } from 'typeorm';
import type { Share } from './entities/share.entity';
import { type NewShare, ShareRepository } from './share/share.repository';

/**
 * 10 base62 characters: 62^10 ≈ 8.4 × 10^17 codes, about 59.5 bits, unguessable by trying. The
 * length lives in @heimo/content, whose caption checks count links of exactly this length.
 */
export { SHARE_CODE_LENGTH };
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** Bytes at or above 248 (= 4 × 62) are thrown away, so every character is equally likely. */
const UNBIASED_LIMIT = 256 - (256 % ALPHABET.length);
const MAX_ATTEMPTS = 5;

/** A random base62 code from `crypto.randomBytes` with rejection sampling (no modulo bias). */
export function generateShareCode(
  length: number = SHARE_CODE_LENGTH,
  random: (size: number) => Buffer = randomBytes,
): string {
  let code = '';
  while (code.length < length) {
    // A few spare bytes: about 3 % are rejected.
    for (const byte of random(length - code.length + 4)) {
      if (byte >= UNBIASED_LIMIT) continue;
      code += ALPHABET[byte % ALPHABET.length];
      if (code.length === length) break;
    }
  }
  return code;
}

export class ShareCodeExhaustedError extends Error {
  constructor() {
    super(`no free share code after ${MAX_ATTEMPTS} attempts`);
  }
}

/** Codes for new shares, and the insert that retries on the (astronomically rare) collision. */
@Injectable()
export class ShareCodeService {
  // A default, so the demo seed and test fixtures can make one with `new` outside Nest.
  constructor(private readonly shares: ShareRepository = new ShareRepository()) {}

  newCode(): string {
    return generateShareCode();
  }

  /**
   * Inserts the share with a fresh code; on a code collision (`ON CONFLICT (code) DO NOTHING`
   * inserted nothing) it tries again with another code, without aborting the caller's transaction.
   * `build` receives the code, so text and redirect URL that contain it are made per attempt.
   */
  async insertWithNewCode(
    manager: EntityManager,
    build: (code: string) => NewShare,
    newCode: () => string = () => this.newCode(),
  ): Promise<Share> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const code = newCode();
      const share = await this.shares.insertIfCodeFree(manager, build(code), code);
      if (share) return share;
    }
    throw new ShareCodeExhaustedError();
  }

  /**
   * Inserts the share with a code held for it (a confirmed reservation). Reservations never take a
   * share's code, so only a share made with the same random code since could hold it.
   */
  async insertWithCode(
    manager: EntityManager,
    code: string,
    build: (code: string) => NewShare,
  ): Promise<Share> {
    const share = await this.shares.insertIfCodeFree(manager, build(code), code);
    if (!share) throw new ShareCodeExhaustedError();
    return share;
  }
}
