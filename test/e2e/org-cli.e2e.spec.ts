import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../apps/api/src/data-source';
import { DEMO_SLUG } from '../../apps/api/src/modules/demo/demo-seed';
import { type BuiltProcess, startBuiltApi, startBuiltWorker } from '../support/built-processes';
import { createMigratedDatabase, dropDatabase } from '../support/databases';
import { freePort } from '../support/free-port';
import { startTestSmtp, type TestSmtp } from '../support/smtp';
import { runRedisPrefix, testRedisUrl } from '../support/test-env';

const root = join(__dirname, '../..');
/** The command as a production image runs it (`npm run org:create` builds, then runs this). */
const cli = join(root, 'dist/api/apps/api/src/cli/organisations.js');

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Operating a deployment from the command line, on a database of its own and a real SMTP server:
 * `org:create` and `org:list` from the build, a worker sending what they queue, and the API's start
 * on DATABASE_URL (no demo unless SEED_DEMO=true, loopback unless HOST says otherwise).
 */
describe('org:create, org:list and the start on a real database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'heimo-orgcli-'));
  let database: { name: string; url: string };
  let dataSource: DataSource;
  let smtp: TestSmtp;
  let worker: BuiltProcess | undefined;
  let env: Record<string, string>;
  let port: number;

  const run = (args: readonly string[]): Promise<Run> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [cli, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('exit', (code) => resolve({ code, stdout, stderr }));
    });
  const count = async (table: string): Promise<number> =>
    Number(((await dataSource.query(`SELECT count(*) AS n FROM ${table}`)) as { n: string }[])[0]!.n);

  beforeAll(async () => {
    expect(existsSync(cli)).toBe(true);
    [database, smtp, port] = await Promise.all([
      createMigratedDatabase('heimo_orgcli'),
      startTestSmtp(),
      freePort(),
    ]);
    dataSource = createDataSource({ url: database.url });
    await dataSource.initialize();
    env = {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      DATABASE_URL: database.url,
      REDIS_URL: testRedisUrl(),
      REDIS_PREFIX: `${runRedisPrefix()}_orgcli_${randomBytes(3).toString('hex')}`,
      AUTH_SECRET: randomBytes(32).toString('base64url'),
      SMTP_URL: smtp.url,
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATA_DIR: dataDir,
      NOTIFICATION_TICK_SECONDS: '0',
      LOG_LEVEL: 'warn',
    };
    // The API's queue workers, apart: they send what the command queues.
    worker = await startBuiltWorker('orgcli-worker', env);
  }, 180_000);

  afterAll(async () => {
    await worker?.stop();
    await smtp?.close();
    if (dataSource?.isInitialized) await dataSource.destroy();
    if (database) await dropDatabase(database.name);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses bad options with the option named, writing nothing', async () => {
    const cases: [string[], RegExp][] = [
      [['--name', 'Acme Oy', '--admin', 'aino@acme.fi', '--slug', 'Acme Oy!'], /^--slug must be/m],
      [
        ['--name', 'Acme Oy', '--admin', 'aino@acme.fi', '--timezone', 'Mars/Olympus'],
        /^--timezone must be an IANA/m,
      ],
      [
        ['--name', 'Acme Oy', '--admin', 'aino@acme.fi', '--locale', 'sv'],
        /^--locale must be one of en, fi/m,
      ],
      [['--name', 'Acme Oy', '--admin', 'aino at acme'], /^--admin must be an e-mail address/m],
      [['--name', 'Acme Oy'], /^--admin is required/m],
      [['--name', 'Acme Oy', '--admin', 'aino@acme.fi', '--colour', 'red'], /Unknown option '--colour'/],
    ];
    for (const [args, message] of cases) {
      const result = await run(['create', ...args]);
      expect({ args, code: result.code, stderr: result.stderr }).toEqual({
        args,
        code: 2,
        stderr: expect.stringMatching(message),
      });
      expect(result.stdout).toBe('');
    }
    expect(await count('organisations')).toBe(0);
    expect(await count('members')).toBe(0);
  }, 60_000);

  it('creates the organisation, invites its first admin by e-mail and prints the link; a second run changes nothing', async () => {
    const created = await run([
      'create',
      '--name',
      'Acme Oy',
      '--admin',
      'Aino@Acme.fi',
      '--timezone',
      'Europe/Stockholm',
      '--locale',
      'fi',
    ]);
    expect(created).toEqual(expect.objectContaining({ code: 0 }));
    expect(created.stdout).toContain(
      'Created organisation "acme-oy" (Acme Oy), time zone Europe/Stockholm, language fi.',
    );
    const link = /(http:\/\/127\.0\.0\.1:\d+\/invite\/[A-Za-z0-9_-]+)/.exec(created.stdout)?.[1];
    expect(link).toBeDefined();

    const [organisation] = (await dataSource.query(
      `SELECT id, name, slug, timezone, default_locale AS locale, settings FROM organisations`,
    )) as { id: string; name: string; slug: string; timezone: string; locale: string; settings: object }[];
    expect(organisation).toEqual(
      expect.objectContaining({
        name: 'Acme Oy',
        slug: 'acme-oy',
        timezone: 'Europe/Stockholm',
        locale: 'fi',
        settings: {},
      }),
    );
    const members = (await dataSource.query(`SELECT email, roles, status, locale FROM members`)) as object[];
    expect(members).toEqual([{ email: 'aino@acme.fi', roles: ['admin'], status: 'invited', locale: 'fi' }]);
    expect(await count('invitations')).toBe(1);
    // The audit log's first event: the operator (no actor) created it from the command line.
    expect(
      await dataSource.query(
        `SELECT actor_member_id, target_id, details FROM audit_events WHERE action = 'organisation.created'`,
      ),
    ).toEqual([{ actor_member_id: null, target_id: organisation!.id, details: { via: 'command' } }]);

    // The worker sends the invitation, in the admin's language, with the printed link.
    const [mail] = await smtp.waitFor(1, 30_000);
    expect(mail!.to).toEqual(expect.objectContaining({ text: 'aino@acme.fi' }));
    expect(mail!.subject).toBe('Sinut on kutsuttu Heimoon (Acme Oy)');
    expect(mail!.text).toContain(link);

    const again = await run(['create', '--name', 'Acme Oy', '--admin', 'someone@acme.fi']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Organisation "acme-oy" (Acme Oy) already exists, nothing changed.');
    expect(await count('organisations')).toBe(1);
    expect(await count('invitations')).toBe(1);
    expect(await count('members')).toBe(1);

    const listed = await run(['list']);
    expect(listed.code).toBe(0);
    const lines = listed.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^SLUG\s+NAME\s+TIME ZONE\s+LOCALE\s+ACTIVE MEMBERS\s+CREATED$/);
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^acme-oy\s+Acme Oy\s+Europe\/Stockholm\s+fi\s+0\s+\d{4}-\d\d-\d\d$/),
    ]);

    // The API, started on that database without SEED_DEMO or HOST: no demo, loopback only.
    // HOST empty is HOST unset (as `HOST=` in a .env file).
    const api = await startBuiltApi('orgcli-api', { ...env, HOST: '' });
    try {
      expect(listeningAddresses(Number(new URL(api.baseUrl).port))).toEqual(['127.0.0.1']);
      expect(await count('organisations')).toBe(1);
      expect(api.output()).not.toContain('SEED_DEMO');
      // An organisation exists: no first-run setup link.
      expect(api.output()).not.toContain('/setup?token=');
      // The printed link is the admin's way in.
      const token = link!.split('/invite/')[1];
      const accepted = await request(api.baseUrl)
        .post('/api/invitations/accept')
        .send({ token, password: 'a long and unusual passphrase 4711', name: 'Aino' })
        .expect(200);
      expect(accepted.body.member).toEqual(
        expect.objectContaining({ email: 'aino@acme.fi', roles: expect.arrayContaining(['admin']) }),
      );
    } finally {
      await api.stop();
    }
  }, 240_000);

  it('verifies a single sign-on domain for the operator, refusing bad domains and unknown organisations', async () => {
    const missing = await run(['approve-domain', '--org', 'acme-oy']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--domain');
    const publicMail = await run(['approve-domain', '--org', 'acme-oy', '--domain', 'gmail.com']);
    expect(publicMail.code).toBe(2);
    expect(publicMail.stderr).toContain('gmail.com is a public mail service');
    const unknown = await run(['approve-domain', '--org', 'no-such-org', '--domain', 'acme.fi']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('No organisation has the slug no-such-org');
    expect(await count('sso_domains')).toBe(0);

    const approved = await run(['approve-domain', '--org', 'acme-oy', '--domain', 'Acme.FI']);
    expect(approved).toEqual(expect.objectContaining({ code: 0 }));
    expect(approved.stdout).toContain('Verified acme.fi for "acme-oy" (Acme Oy)');
    expect(await dataSource.query('SELECT domain, verified_by FROM sso_domains')).toEqual([
      { domain: 'acme.fi', verified_by: 'operator' },
    ]);
    expect(
      await dataSource.query(
        `SELECT actor_member_id, details FROM audit_events WHERE action = 'sso.domain_verified'`,
      ),
    ).toEqual([{ actor_member_id: null, details: { domain: 'acme.fi', method: 'operator' } }]);
  }, 120_000);

  it('seeds the demo on DATABASE_URL only with SEED_DEMO=true, and warns at every start', async () => {
    const api = await startBuiltApi('orgcli-demo', { ...env, SEED_DEMO: 'true' });
    try {
      const demo = (await dataSource.query(`SELECT slug FROM organisations WHERE slug = $1`, [
        DEMO_SLUG,
      ])) as object[];
      expect(demo).toHaveLength(1);
      expect(api.output()).toContain(
        'SEED_DEMO=true: the demo organisation is seeded on the database at DATABASE_URL',
      );
      expect(api.output()).toContain('"level":40');
    } finally {
      await api.stop();
    }
  }, 180_000);
});

/** The addresses the TCP sockets listening on `port` are bound to, from /proc (IPv4 and IPv6). */
function listeningAddresses(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const found: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (!local || state !== '0A') continue;
      const [address, localPort] = local.split(':');
      if (localPort !== hexPort) continue;
      if (address!.length === 8) {
        // Little-endian IPv4: 0100007F is 127.0.0.1.
        found.push(
          (address!.match(/../g) ?? [])
            .reverse()
            .map((byte) => parseInt(byte, 16))
            .join('.'),
        );
      } else found.push(`ipv6:${address}`);
    }
  }
  return found;
}
