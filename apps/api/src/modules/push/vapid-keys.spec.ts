import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import webPush from 'web-push';
import { ConfigError, loadConfig } from '../../infra/config/config';
import { VapidKeysProvider } from './vapid-keys';

describe('VapidKeysProvider', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'heimo-vapid-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('generates a pair once into DATA_DIR on the embedded default and reads it back', () => {
    const config = loadConfig({ DATA_DIR: dataDir, MAIL_FROM: 'Heimo <news@example.com>' });
    const first = new VapidKeysProvider(config).get();
    expect(first).toMatchObject({ subject: 'mailto:news@example.com' });
    expect(first!.publicKey).toMatch(/^[\w-]{87}$/);
    expect(statSync(join(dataDir, 'vapid-keys.json')).mode & 0o777).toBe(0o600);
    expect(new VapidKeysProvider(config).get()).toEqual(first);
  });

  it('signs with the configured pair, and is off in production with a database but no keys', () => {
    const keys = webPush.generateVAPIDKeys();
    const configured = loadConfig({
      DATA_DIR: dataDir,
      VAPID_PUBLIC_KEY: keys.publicKey,
      VAPID_PRIVATE_KEY: keys.privateKey,
      VAPID_SUBJECT: 'https://example.com/contact',
    });
    expect(new VapidKeysProvider(configured).get()).toEqual({
      ...keys,
      subject: 'https://example.com/contact',
    });
    const production = loadConfig({
      NODE_ENV: 'production',
      DATA_DIR: dataDir,
      DATABASE_URL: 'postgres://db.example.com/heimo',
      AUTH_SECRET: 'x'.repeat(40),
    });
    expect(new VapidKeysProvider(production).get()).toBeNull();
  });

  it('refuses half a pair or a malformed key at start', () => {
    const keys = webPush.generateVAPIDKeys();
    expect(() => loadConfig({ VAPID_PUBLIC_KEY: keys.publicKey })).toThrow(ConfigError);
    expect(() => loadConfig({ VAPID_PUBLIC_KEY: 'short', VAPID_PRIVATE_KEY: keys.privateKey })).toThrow(
      /VAPID_PUBLIC_KEY/,
    );
    expect(() => loadConfig({ VAPID_SUBJECT: 'ftp://x' })).toThrow(/VAPID_SUBJECT/);
  });
});
