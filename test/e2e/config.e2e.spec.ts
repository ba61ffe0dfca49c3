import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../apps/api/src/infra/config/config';
import { variables } from '../../apps/api/src/infra/config/config.schema';

const root = join(__dirname, '../..');
const mainJs = join(root, 'dist/api/apps/api/src/main.js');

describe('configuration', () => {
  it.each([
    ['PORT', 'abc', /PORT: must be a whole number/],
    ['PORT', '70000', /PORT: must be between 0 and 65535/],
    ['DATABASE_URL', 'not a url', /DATABASE_URL: is not a valid URL/],
    ['DATABASE_URL', 'mysql://db/heimo', /DATABASE_URL: must start with postgres:\/\/ or postgresql:\/\//],
    ['REDIS_URL', 'http://cache', /REDIS_URL: must start with redis:\/\/ or rediss:\/\//],
    ['NODE_ENV', 'staging', /NODE_ENV: must be one of/],
    ['RUN_WORKERS', 'maybe', /RUN_WORKERS: must be true or false/],
    ['AUTH_SECRET', 'short', /AUTH_SECRET: must be at least 32 characters/],
    [
      'AUTH_SECRET_PREVIOUS',
      `${'a'.repeat(32)},short`,
      /AUTH_SECRET_PREVIOUS: each secret must be at least 32/,
    ],
    ['REDIS_PREFIX', 'has space', /REDIS_PREFIX: may contain only/],
    ['REDIRECT_PORT', 'short', /REDIRECT_PORT: must be a whole number/],
    ['REDIRECT_PORT', '65536', /REDIRECT_PORT: must be between 0 and 65535/],
    ['HOST', 'http://0.0.0.0', /HOST: must be an IP address or a host name/],
    ['HOST', '300.1.1.1', /HOST: must be an IP address or a host name/],
    ['SEED_DEMO', 'sometimes', /SEED_DEMO: must be true or false/],
    ['ALLOW_ORGANISATION_SIGNUP', 'yes please', /ALLOW_ORGANISATION_SIGNUP: must be true or false/],
    ['CLICK_RETENTION_MONTHS', '0', /CLICK_RETENTION_MONTHS: must be between 1 and 1200, got 0/],
    ['CLICK_RETENTION_MONTHS', '1201', /CLICK_RETENTION_MONTHS: must be between 1 and 1200/],
    ['CLICK_RETENTION_MONTHS', '2.5', /CLICK_RETENTION_MONTHS: must be a whole number, got "2.5"/],
  ])('rejects %s=%s naming the variable', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it('fills in defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.RUN_WORKERS).toBe(true);
    expect(config.REDIRECT_PORT).toBeNull();
    expect(config.CLICK_RETENTION_MONTHS).toBe(25);
    expect(loadConfig({ CLICK_RETENTION_MONTHS: '1' }).CLICK_RETENTION_MONTHS).toBe(1);
    // Loopback unless HOST says otherwise; the demo is the embedded database's unless SEED_DEMO says.
    expect(config.HOST).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).HOST).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '::' }).HOST).toBe('::');
    expect(config.SEED_DEMO).toBeUndefined();
    expect(loadConfig({ SEED_DEMO: 'true' }).SEED_DEMO).toBe(true);
    expect(loadConfig({ SEED_DEMO: 'false' }).SEED_DEMO).toBe(false);
    // Organisations are created from the web only when the operator says so.
    expect(config.ALLOW_ORGANISATION_SIGNUP).toBe(false);
    expect(loadConfig({ ALLOW_ORGANISATION_SIGNUP: 'true' }).ALLOW_ORGANISATION_SIGNUP).toBe(true);
    expect(loadConfig({ REDIRECT_PORT: '3001' }).REDIRECT_PORT).toBe(3001);
    expect(() => loadConfig({ PORT: '3001', REDIRECT_PORT: '3001' })).toThrow(
      'REDIRECT_PORT: must differ from PORT (3001)',
    );
  });

  it('reads FEED_FETCH_ALLOWED_HOSTS as an older name of OUTBOUND_ALLOWED_HOSTS', () => {
    expect(loadConfig({}).OUTBOUND_ALLOWED_HOSTS).toEqual([]);
    expect(loadConfig({ FEED_FETCH_ALLOWED_HOSTS: '127.0.0.1:8080' }).OUTBOUND_ALLOWED_HOSTS).toEqual([
      '127.0.0.1:8080',
    ]);
    expect(
      loadConfig({
        OUTBOUND_ALLOWED_HOSTS: 'IdP.test, 127.0.0.1:8080',
        FEED_FETCH_ALLOWED_HOSTS: '127.0.0.1:8080',
      }).OUTBOUND_ALLOWED_HOSTS,
    ).toEqual(['idp.test', '127.0.0.1:8080']);
    expect(() => loadConfig({ OUTBOUND_ALLOWED_HOSTS: 'http://idp.test' })).toThrow(
      'OUTBOUND_ALLOWED_HOSTS: "http://idp.test" is not a host or host:port',
    );
  });

  it('stops the boot with one line naming the bad variable', () => {
    expect(existsSync(mainJs)).toBe(true);
    const run = spawnSync(process.execPath, [mainJs], {
      env: { PATH: process.env.PATH, PORT: 'eighty' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(78);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toEqual(['Configuration error: PORT: must be a whole number, got "eighty"']);
  });

  it('lists every variable in .env.example and in the README', () => {
    const example = readFileSync(join(root, '.env.example'), 'utf8');
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    for (const spec of Object.values(variables)) {
      expect(example).toMatch(new RegExp(`^${spec.name}=`, 'm'));
      expect(readme).toContain(`\`${spec.name}\``);
    }
  });
});
