import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import fc from 'fast-check';
import { loadConfig } from '../config/config';
import { ConfigModule } from '../config/config.module';
import { SecretBox, SecretBoxError } from './secret-box';
import { SecurityModule } from './security.module';

const OLD_SECRET = 'o'.repeat(24) + '-old-secret-for-tests';
const NEW_SECRET = 'n'.repeat(24) + '-new-secret-for-tests';
const OTHER_SECRET = 'x'.repeat(24) + '-another-deployment';

const box = (current: string, previous: string[] = []) => new SecretBox({ current, previous });

const failure = (open: () => unknown) => {
  try {
    open();
  } catch (error) {
    if (error instanceof SecretBoxError) return error.failure;
    throw error;
  }
  throw new Error('expected the value not to open');
};

/** The sealed value with one byte of its iv (part 2) or ciphertext-and-tag (part 3) changed. */
const flipByte = (sealed: string, part: 2 | 3, at: number) => {
  const parts = sealed.split('.');
  const bytes = Buffer.from(parts[part] as string, 'base64url');
  const index = at < 0 ? bytes.length + at : at;
  bytes[index] = (bytes[index] as number) ^ 0x01;
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
};

describe('SecretBox', () => {
  it('opens what it sealed, for any text and context', () => {
    const secretBox = box(NEW_SECRET);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string(), (plaintext, context) => {
        expect(secretBox.open(secretBox.seal(plaintext, context), context)).toBe(plaintext);
      }),
      { numRuns: 200 },
    );
  });

  it('writes v1.<key id>.<iv>.<ciphertext and tag>, with a fresh iv each time', () => {
    const secretBox = box(NEW_SECRET);
    const first = secretBox.seal('client-secret-123', 'oidc-client-secret:row-1');
    const second = secretBox.seal('client-secret-123', 'oidc-client-secret:row-1');
    expect(first).toMatch(/^v1\.[A-Za-z0-9_-]{8}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    expect(first).not.toContain('client-secret-123');
    expect(second).not.toBe(first);
    expect(second.split('.')[1]).toBe(first.split('.')[1]);
    // 17 bytes of text + 16 of tag.
    expect(Buffer.from(first.split('.')[3] as string, 'base64url')).toHaveLength(17 + 16);
  });

  it('refuses a value whose ciphertext, tag or iv was changed', () => {
    const secretBox = box(NEW_SECRET);
    const sealed = secretBox.seal('xoxb-slack-token', 'connected-account:row-1');
    expect(failure(() => secretBox.open(flipByte(sealed, 3, 0), 'connected-account:row-1'))).toBe('tampered');
    expect(failure(() => secretBox.open(flipByte(sealed, 3, -1), 'connected-account:row-1'))).toBe(
      'tampered',
    );
    expect(failure(() => secretBox.open(flipByte(sealed, 2, 0), 'connected-account:row-1'))).toBe('tampered');
  });

  it('refuses a value moved to another row or purpose (the context is authenticated)', () => {
    const secretBox = box(NEW_SECRET);
    const sealed = secretBox.seal('whsec_abc', 'webhook-secret:row-1');
    expect(secretBox.open(sealed, 'webhook-secret:row-1')).toBe('whsec_abc');
    expect(failure(() => secretBox.open(sealed, 'webhook-secret:row-2'))).toBe('tampered');
    expect(failure(() => secretBox.open(sealed, 'oidc-client-secret:row-1'))).toBe('tampered');
  });

  it('does not open a value sealed under a secret it does not know', () => {
    const sealed = box(OTHER_SECRET).seal('token', 'connected-account:row-1');
    expect(failure(() => box(NEW_SECRET, [OLD_SECRET]).open(sealed, 'connected-account:row-1'))).toBe(
      'unknown_key',
    );
  });

  it('does not open a value whose key id was swapped for a known one', () => {
    const sealed = box(OLD_SECRET).seal('token', 'connected-account:row-1');
    const newId = box(NEW_SECRET).seal('x', 'y').split('.')[1] as string;
    const swapped = sealed
      .split('.')
      .map((part, index) => (index === 1 ? newId : part))
      .join('.');
    expect(failure(() => box(NEW_SECRET, [OLD_SECRET]).open(swapped, 'connected-account:row-1'))).toBe(
      'tampered',
    );
  });

  it('still opens values sealed under an earlier secret after AUTH_SECRET changes, and seals new ones under the new one', () => {
    const before = box(OLD_SECRET);
    const sealedBefore = before.seal('client-secret', 'oidc-client-secret:row-1');
    const after = box(NEW_SECRET, [OLD_SECRET]);
    expect(after.open(sealedBefore, 'oidc-client-secret:row-1')).toBe('client-secret');
    expect(after.isCurrent(sealedBefore)).toBe(false);
    const resealed = after.seal(
      after.open(sealedBefore, 'oidc-client-secret:row-1'),
      'oidc-client-secret:row-1',
    );
    expect(after.isCurrent(resealed)).toBe(true);
    // Once every value is re-sealed, the earlier secret can go.
    expect(box(NEW_SECRET).open(resealed, 'oidc-client-secret:row-1')).toBe('client-secret');
    expect(failure(() => box(NEW_SECRET).open(sealedBefore, 'oidc-client-secret:row-1'))).toBe('unknown_key');
  });

  it.each([
    ['', 'empty'],
    ['plain text', 'not sealed'],
    ['v2.AAAAAAAA.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA', 'another version'],
    ['v1.AAAAAAAA.AAAAAAAAAAAAAAAA.AAAA', 'too short for a tag'],
  ])('refuses %j (%s) as malformed', (sealed) => {
    expect(failure(() => box(NEW_SECRET).open(sealed, 'context'))).toBe('malformed');
  });

  it('is provided by SecurityModule with AUTH_SECRET and AUTH_SECRET_PREVIOUS', async () => {
    const sealedBefore = box(OLD_SECRET).seal('token', 'connected-account:row-1');
    @Module({
      imports: [
        ConfigModule.forRoot(loadConfig({ AUTH_SECRET_PREVIOUS: `${OTHER_SECRET}, ${OLD_SECRET}` }), {
          databaseUrl: 'postgres://unused',
          redisUrl: 'redis://unused',
          embeddedDatabase: false,
          authSecret: NEW_SECRET,
        }),
        SecurityModule,
      ],
    })
    class ProbeModule {}
    const app = await NestFactory.createApplicationContext(ProbeModule, { logger: false });
    try {
      const provided = app.get(SecretBox);
      expect(provided.open(sealedBefore, 'connected-account:row-1')).toBe('token');
      expect(box(NEW_SECRET).open(provided.seal('fresh', 'c'), 'c')).toBe('fresh');
    } finally {
      await app.close();
    }
  });
});
