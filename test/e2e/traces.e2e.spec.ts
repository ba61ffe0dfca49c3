import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../apps/api/src/data-source';
import { type BuiltProcess, startBuiltApi } from '../support/built-processes';
import { TestContext } from '../support/context';
import { runDatabaseUrl, runRedisPrefix, testRedisUrl } from '../support/test-env';
import { waitFor } from '../support/wait';

/** One span as the OTLP/HTTP JSON export carries it, its attributes flattened. */
interface ReceivedSpan {
  readonly service: string;
  readonly scope: string;
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string;
  readonly name: string;
  readonly attributes: Record<string, unknown>;
}

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
  doubleValue?: number;
}
interface OtlpAttribute {
  key: string;
  value: OtlpValue;
}
interface OtlpExport {
  resourceSpans?: {
    resource?: { attributes?: OtlpAttribute[] };
    scopeSpans?: {
      scope?: { name?: string };
      spans?: {
        traceId: string;
        spanId: string;
        parentSpanId?: string;
        name: string;
        attributes?: OtlpAttribute[];
      }[];
    }[];
  }[];
}

const flatten = (attributes: OtlpAttribute[] = []): Record<string, unknown> =>
  Object.fromEntries(
    attributes.map(({ key, value }) => [
      key,
      value.stringValue ?? value.intValue ?? value.boolValue ?? value.doubleValue,
    ]),
  );

/** A collector of its own on loopback: answers `POST /v1/traces` (OTLP/HTTP, JSON) and keeps the spans. */
async function startOtlpReceiver(): Promise<{ url: string; spans: ReceivedSpan[]; close(): Promise<void> }> {
  const spans: ReceivedSpan[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/traces') {
        res.writeHead(404).end();
        return;
      }
      let body = Buffer.concat(chunks);
      if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
      expect(req.headers['content-type']).toMatch(/^application\/json/);
      const payload = JSON.parse(body.toString('utf8')) as OtlpExport;
      for (const resource of payload.resourceSpans ?? []) {
        const service = String(flatten(resource.resource?.attributes)['service.name']);
        for (const scope of resource.scopeSpans ?? [])
          for (const span of scope.spans ?? [])
            spans.push({
              service,
              scope: scope.scope?.name ?? '',
              traceId: span.traceId,
              spanId: span.spanId,
              parentSpanId: span.parentSpanId ?? '',
              name: span.name,
              attributes: flatten(span.attributes),
            });
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    spans,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const BUILT = join(__dirname, '../../dist/api/apps/api/src');
const HTTP_SCOPE = '@opentelemetry/instrumentation-http';
/** The request path of an HTTP span, under the old and the stable semantic conventions. */
const pathOf = (span: ReceivedSpan) =>
  String(span.attributes['url.path'] ?? span.attributes['http.target'] ?? '');

/**
 * Traces (OTEL_EXPORTER_OTLP_ENDPOINT): a built API process exports to a receiver on loopback; one
 * request's spans (HTTP with the request id, PostgreSQL, Redis, BullMQ, the job's processing) share
 * its trace id; tracked links make no span unless the caller asks with a sampled `traceparent`.
 */
describe('traces (OTEL_EXPORTER_OTLP_ENDPOINT)', () => {
  let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
  let api: BuiltProcess;
  let dataSource: DataSource;
  let ctx: TestContext;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    dataSource = createDataSource({ url: runDatabaseUrl() });
    await dataSource.initialize();
    api = await startBuiltApi('traced', {
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DATABASE_URL: runDatabaseUrl(),
      REDIS_URL: testRedisUrl(),
      REDIS_PREFIX: `${runRedisPrefix()}_traces_${randomBytes(3).toString('hex')}`,
      AUTH_SECRET: randomBytes(32).toString('base64url'),
      SEED_DEMO: 'false',
      NOTIFICATION_TICK_SECONDS: '0',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      // The specification's batch delay, short so the test does not wait 5 s for each export.
      OTEL_BSP_SCHEDULE_DELAY: '100',
    });
    ctx = new TestContext(dataSource, api.baseUrl);
  }, 180_000);

  afterAll(async () => {
    await api?.stop();
    await receiver?.close();
    if (dataSource?.isInitialized) await dataSource.destroy();
  });

  it("exports one request's HTTP, PostgreSQL, Redis and BullMQ spans under one trace id, the request id on the server span", async () => {
    const { advocate } = await ctx.newOrg('Traced Oy');
    const requestId = `trace-test-${randomBytes(6).toString('hex')}`;
    // Rate-limited in Redis, the member read from PostgreSQL, the e-mail queued and sent by a job.
    const res = await request(api.baseUrl)
      .post('/api/auth/password/forgot')
      .set('X-Request-Id', requestId)
      .send({ email: advocate.email });
    expect(res.status).toBe(202);
    expect(res.headers['x-request-id']).toBe(requestId);

    const inTrace = (traceId: string) => receiver.spans.filter((span) => span.traceId === traceId);
    const serverSpan = () =>
      receiver.spans.find(
        (span) => span.scope === HTTP_SCOPE && span.attributes['heimo.request_id'] === requestId,
      );
    const done = (spans: ReceivedSpan[]) =>
      spans.some((span) => span.scope === 'bullmq' && /process/i.test(span.name));
    await waitFor(
      async () => serverSpan(),
      (span) => span !== undefined,
      20_000,
    );
    const root = serverSpan();
    expect(root).toMatchObject({ service: 'heimo-api', parentSpanId: '' });
    expect(pathOf(root!)).toBe('/api/auth/password/forgot');
    const spans = await waitFor(async () => inTrace(root!.traceId), done, 20_000);
    const scopes = new Set(spans.map((span) => span.scope));
    for (const scope of [
      HTTP_SCOPE,
      '@opentelemetry/instrumentation-pg',
      '@opentelemetry/instrumentation-ioredis',
      'bullmq',
    ])
      expect(scopes.has(scope)).toBe(true);
    const pg = spans.filter((span) => span.scope === '@opentelemetry/instrumentation-pg');
    expect(
      pg.some((span) =>
        /SELECT/i.test(String(span.attributes['db.statement'] ?? span.attributes['db.query.text'])),
      ),
    ).toBe(true);
    // The job's processing (in this process's worker) carries the request's trace through Redis.
    const names = spans.filter((span) => span.scope === 'bullmq').map((span) => span.name);
    expect(names.some((name) => /notifications/.test(name) && /add/i.test(name))).toBe(true);
    expect(names.some((name) => /notifications/.test(name) && /process/i.test(name))).toBe(true);
    // Every span of the trace hangs from another of it, up to the server span.
    const ids = new Set(spans.map((span) => span.spanId));
    for (const span of spans) if (span !== root) expect(ids.has(span.parentSpanId)).toBe(true);
  });

  it('makes no span for a tracked link unless the caller sends a sampled traceparent', async () => {
    const code = `untraced${randomBytes(4).toString('hex')}`;
    expect((await request(api.baseUrl).get(`/r/${code}`)).status).toBe(404);
    // Then one the caller samples: its spans arrive after anything the first one made would have.
    const traceId = randomBytes(16).toString('hex');
    const sampledCode = `sampled${randomBytes(4).toString('hex')}`;
    expect(
      (
        await request(api.baseUrl)
          .get(`/r/${sampledCode}`)
          .set('traceparent', `00-${traceId}-${randomBytes(8).toString('hex')}-01`)
      ).status,
    ).toBe(404);
    const traced = await waitFor(
      async () => receiver.spans.filter((span) => span.traceId === traceId),
      (spans) => spans.some((span) => span.scope === HTTP_SCOPE),
      20_000,
    );
    expect(traced.some((span) => pathOf(span) === `/r/${sampledCode}`)).toBe(true);
    // The look-up of the unknown code went to PostgreSQL, under the caller's trace.
    expect(traced.some((span) => span.scope === '@opentelemetry/instrumentation-pg')).toBe(true);
    expect(receiver.spans.filter((span) => pathOf(span).includes(code))).toEqual([]);
    // An unsampled traceparent is not a request to trace either.
    const unsampled = `unsampled${randomBytes(4).toString('hex')}`;
    await request(api.baseUrl)
      .get(`/r/${unsampled}`)
      .set('traceparent', `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-00`);
    const marker = `trace-marker-${randomBytes(4).toString('hex')}`;
    await request(api.baseUrl).get('/healthz').set('X-Request-Id', marker);
    await waitFor(
      async () => receiver.spans.some((span) => span.attributes['heimo.request_id'] === marker),
      Boolean,
      20_000,
    );
    expect(receiver.spans.filter((span) => pathOf(span).includes(unsampled))).toEqual([]);
  });

  it('refuses a malformed endpoint by name at start', () => {
    const run = spawnSync(process.execPath, [join(BUILT, 'main.js')], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, OTEL_EXPORTER_OTLP_ENDPOINT: 'ftp://collector.example' },
      timeout: 20_000,
    });
    expect(run.status).toBe(78);
    expect(run.stderr.trim()).toBe(
      'Configuration error: OTEL_EXPORTER_OTLP_ENDPOINT: must start with http:// or https://',
    );
  });

  it('loads no OpenTelemetry package without the variable', () => {
    const built = join(BUILT, 'infra/tracing/tracing.js');
    const probe = (endpoint: string) => {
      const run = spawnSync(
        process.execPath,
        [
          '-e',
          `const t = require(${JSON.stringify(built)});
           const on = t.startTracingFromEnv('probe', { OTEL_EXPORTER_OTLP_ENDPOINT: ${JSON.stringify(endpoint)} });
           const loaded = Object.keys(require.cache).filter((file) => file.includes('@opentelemetry') || file.includes('bullmq-otel'));
           process.stdout.write(JSON.stringify({ on, loaded: loaded.length }));
           process.exit(0);`,
        ],
        { encoding: 'utf8', env: { PATH: process.env.PATH } },
      );
      expect(run.stderr).toBe('');
      return JSON.parse(run.stdout) as { on: boolean; loaded: number };
    };
    expect(probe('')).toEqual({ on: false, loaded: 0 });
    expect(probe('not a url')).toEqual({ on: false, loaded: 0 });
    const on = probe('http://127.0.0.1:4318');
    expect(on.on).toBe(true);
    expect(on.loaded).toBeGreaterThan(0);
  });
});
