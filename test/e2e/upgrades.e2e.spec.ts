import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { migrations } from '../../migrations';
import { type BuiltProcess, startBuiltApi } from '../support/built-processes';
import {
  adminDatabaseUrl,
  databaseUrlFor,
  randomSuffix,
  runRedisPrefix,
  testRedisUrl,
} from '../support/test-env';
import { dropDatabase } from '../support/databases';
import { freePort } from '../support/free-port';

const CLI = join(__dirname, '../../dist/api/apps/api/src/cli/migrations.js');

/**
 * Replicas started together on a new database: the migrations' advisory lock lets one migrate while
 * the others wait; `migration:status` lists what is applied and pending, before and after.
 */
describe('safe upgrades: replicas starting together on a new database', () => {
  const name = `heimo_upgrades_${randomSuffix()}`;
  const url = databaseUrlFor(name);
  const children: BuiltProcess[] = [];

  const status = () => {
    const run = spawnSync(process.execPath, [CLI, 'status'], {
      env: { PATH: process.env.PATH, DATABASE_URL: url, LOG_LEVEL: 'warn' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    return run.stdout.trim().split('\n');
  };

  const query = async <T>(sql: string): Promise<T[]> => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql)).rows as T[];
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    const admin = new Client({ connectionString: adminDatabaseUrl() });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${name}"`);
    } finally {
      await admin.end();
    }
  });

  afterAll(async () => {
    await Promise.all(children.map((child) => child.stop()));
    await dropDatabase(name);
  });

  it('lists every migration as pending on an empty database', () => {
    const lines = status();
    expect(lines).toHaveLength(migrations.length + 1);
    expect(lines.slice(0, -1).every((line) => line.startsWith('pending  '))).toBe(true);
    expect(lines.at(-1)).toBe(`0 applied, ${migrations.length} pending`);
  });

  it('starts three API processes at once: the migrations run once, all three become ready', async () => {
    const env = {
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DATABASE_URL: url,
      REDIS_URL: testRedisUrl(),
      REDIS_PREFIX: `${runRedisPrefix()}_upgrades_${randomBytes(3).toString('hex')}`,
      AUTH_SECRET: randomBytes(32).toString('base64url'),
      SEED_DEMO: 'false',
      NOTIFICATION_TICK_SECONDS: '0',
    };
    // One of them serves metrics too, as a deployment would (METRICS_PORT).
    const metricsPort = await freePort();
    const started = await Promise.allSettled(
      ['api-1', 'api-2', 'api-3'].map((name, index) =>
        startBuiltApi(name, {
          ...env,
          RUN_WORKERS: 'false',
          ...(index === 0 ? { METRICS_PORT: String(metricsPort) } : {}),
        }),
      ),
    );
    for (const result of started) if (result.status === 'fulfilled') children.push(result.value);
    const failed = started.find((result) => result.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
    expect(children).toHaveLength(3);
    for (const child of children) expect((await fetch(`${child.baseUrl}/healthz/ready`)).status).toBe(200);

    // One process applied them all; the others found nothing pending.
    const appliers = children.filter((child) => /Applied \d+ migrations?\./.test(child.output()));
    expect(appliers).toHaveLength(1);
    expect(appliers[0]!.output()).toContain(`Applied ${migrations.length} migrations.`);
    const rows = await query<{ name: string; runs: number }>(
      'SELECT name, count(*)::int AS runs FROM migrations GROUP BY name',
    );
    expect(rows).toHaveLength(migrations.length);
    expect(rows.every((row) => row.runs === 1)).toBe(true);
    for (const child of children) expect(child.output()).not.toMatch(/error/i);
    const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(metrics).toMatch(/^heimo_ready\{check="migrations"\} 1$/m);
    expect(children[0]!.output()).toContain(`Prometheus metrics on port ${metricsPort} (GET /metrics)`);
  });

  it('then lists every migration as applied, and names one a newer version applied', async () => {
    let lines = status();
    expect(lines.slice(0, -1).every((line) => line.startsWith('applied  '))).toBe(true);
    expect(lines.at(-1)).toBe(`${migrations.length} applied, 0 pending`);
    await query(
      `INSERT INTO migrations (timestamp, name) VALUES (1999999999999, 'FromTheFuture1999999999999')`,
    );
    lines = status();
    expect(lines).toContain('unknown  FromTheFuture1999999999999  (applied by a newer version of Heimo)');
    expect(lines.at(-1)).toBe(`${migrations.length} applied, 0 pending, 1 unknown to this version`);
  });
});
