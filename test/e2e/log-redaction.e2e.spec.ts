import { randomBytes } from 'node:crypto';
import { Controller, Get, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Public } from '../../apps/api/src/infra/http/access.decorators';
import { LogCapture } from '../support/logs';
import { useTestServer } from '../support/use-test-server';

/** A value no log line may hold, and easy to find if one did. */
const secret = (what: string) => `${what}-${randomBytes(12).toString('hex')}`;

const SECRET_SLUG = secret('slug');

@Public()
@Controller('probe')
class ProbeController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A statement that fails on a value: its parameters and the driver's detail both hold the value. */
  @Get('failing-query')
  async failingQuery(): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO organisations (name, slug, timezone, default_locale, settings)
       VALUES ($1, $2, 'UTC', 'en', '{}'), ($1, $2, 'UTC', 'en', '{}')`,
      ['Probe', SECRET_SLUG],
    );
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

/** Waits (at most 5 s) for a log entry: a request is logged when its response has gone out. */
async function logged(logs: LogCapture, match: (entry: Record<string, unknown>) => boolean) {
  for (let tries = 0; tries < 100; tries++) {
    const entry = logs.entries().find(match);
    if (entry) return entry;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('not logged');
}

const urlOf = (entry: Record<string, unknown>) => (entry.req as { url?: string } | undefined)?.url ?? '';

describe('what the log keeps of credentials and failed statements', () => {
  const logs = new LogCapture();
  const { server } = useTestServer({
    workers: false,
    extraModules: [ProbeModule],
    logs,
    env: { LOG_LEVEL: 'info' },
  });

  it('logs request URLs with tokens in the query and in the path redacted', async () => {
    const unsubscribe = secret('token');
    const join = secret('join');
    const signature = secret('signature');
    await request(server.baseUrl).get('/api/unsubscribe').query({ token: unsubscribe, lang: 'fi' });
    await request(server.baseUrl).get(`/api/join/${join}`).query({ signature, page: 2 });

    // Each request was logged, with what is not a credential kept.
    expect(urlOf(await logged(logs, (e) => urlOf(e).startsWith('/api/unsubscribe')))).toBe(
      '/api/unsubscribe?token=[redacted]&lang=fi',
    );
    expect(urlOf(await logged(logs, (e) => urlOf(e).startsWith('/api/join/')))).toBe(
      '/api/join/[redacted]?signature=[redacted]&page=2',
    );
    for (const value of [unsubscribe, join, signature]) expect(logs.text()).not.toContain(value);
  });

  it('logs a failed statement with its message, code and SQL but not its values', async () => {
    const res = await request(server.baseUrl).get('/api/probe/failing-query');
    expect(res.status).toBe(500);
    const problem = await logged(
      logs,
      (e) => e.context === 'ProblemFilter' && e.requestId === res.body.requestId,
    );
    expect(problem.err).toMatchObject({
      type: 'QueryFailedError',
      message: expect.stringContaining('uq_organisations_slug'),
      constraint: 'uq_organisations_slug',
      query: expect.stringContaining('INSERT INTO organisations'),
    });
    // TypeORM's report of the statement too.
    const failed = await logged(logs, (e) => e.context === 'Database' && e.requestId === res.body.requestId);
    expect(failed).toMatchObject({
      msg: 'Query failed',
      error: { code: '23505', constraint: 'uq_organisations_slug' },
      query: expect.stringContaining('INSERT INTO organisations'),
    });
    expect(logs.text()).not.toContain(SECRET_SLUG);
  });
});
