import { createServer, type Server, type Socket, connect } from 'node:net';
import request from 'supertest';
import { LogCapture } from '../support/logs';
import { runDatabaseUrl } from '../support/test-env';
import { startTestServer, type TestServer } from '../support/server';

/** A TCP relay to PostgreSQL that the test can cut, to make the database unreachable for real. */
class CuttableRelay {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async open(port = 0): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(this.targetPort, this.targetHost);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
  }

  async cut(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

describe('health', () => {
  let server: TestServer;
  let relay: CuttableRelay;
  const logs = new LogCapture();

  beforeAll(async () => {
    const target = new URL(runDatabaseUrl());
    relay = new CuttableRelay(target.hostname, Number(target.port || 5432));
    await relay.open();
    const viaRelay = new URL(runDatabaseUrl());
    viaRelay.hostname = '127.0.0.1';
    viaRelay.port = String(relay.port);
    server = await startTestServer({
      databaseUrl: viaRelay.toString(),
      workers: false,
      logs,
      env: { LOG_LEVEL: 'warn' },
    });
  });
  afterAll(async () => {
    await relay.cut().catch(() => undefined);
    await server.close().catch(() => undefined);
  });

  it('says the process is alive', async () => {
    const res = await request(server.baseUrl).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('is ready when PostgreSQL and the queue answer and migrations are applied', async () => {
    const res = await request(server.baseUrl).get('/healthz/ready');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ready', checks: { database: 'ok', migrations: 'ok', queue: 'ok' } });
  });

  it('answers 503 naming the database, without its error, when PostgreSQL is unreachable, and recovers', async () => {
    const port = relay.port;
    await relay.cut();
    const down = await request(server.baseUrl).get('/healthz/ready');
    expect(down.status).toBe(503);
    expect(down.headers['content-type']).toMatch(/^application\/problem\+json/);
    // Publicly, only which part is unavailable: no driver's error text (hosts, ports, users).
    expect(down.body).toEqual({
      type: expect.stringContaining('health.not_ready'),
      title: 'Not ready',
      status: 503,
      detail: 'Unavailable: database, migrations.',
      code: 'health.not_ready',
      checks: { database: 'unavailable', migrations: 'unavailable', queue: 'ok' },
      requestId: expect.any(String),
    });
    // The reason is in the log.
    const reason = logs.entries().find((entry) => String(entry.msg).startsWith('Not ready: database:'));
    expect(reason).toMatchObject({ level: 40, context: 'HealthController' });

    await relay.open(port);
    let status = 0;
    for (let attempt = 0; attempt < 20 && status !== 200; attempt++) {
      status = (await request(server.baseUrl).get('/healthz/ready')).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 250));
    }
    expect(status).toBe(200);
  });
});
