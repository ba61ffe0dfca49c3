import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { Metrics } from '../../apps/api/src/infra/metrics/metrics';
import { QueueName } from '../../apps/api/src/infra/queue/queue-name';
import { ClickRecorder } from '../../apps/api/src/modules/sharing/clicks/click-recorder';
import { ENSURE_CLICK_PARTITIONS_JOB } from '../../apps/api/src/modules/sharing/jobs/ensure-click-partitions.job';
import { RedirectListener } from '../../apps/api/src/modules/sharing/redirect/redirect-listener';
import { newFeedPack } from '../support/feed-packs';
import { startTestSmtp, type TestSmtp } from '../support/smtp';
import { useTestServer } from '../support/use-test-server';
import { waitFor } from '../support/wait';

/** One sample of the exposition text: name, labels, value. */
interface Sample {
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly value: number;
}

function parse(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`not an exposition line: ${line}`);
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g))
      labels[pair[1]!] = pair[2]!;
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

describe('metrics (METRICS_PORT)', () => {
  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await startTestSmtp();
  });
  afterAll(() => smtp?.close());

  const { server, ctx } = useTestServer(() => ({
    workers: true,
    env: { METRICS_PORT: '0', REDIRECT_PORT: '0', SMTP_URL: smtp.url, MAIL_RETRY_BASE_MS: '40' },
  }));

  const metricsUrl = () => `http://127.0.0.1:${server.app.get(Metrics).port}`;
  const scrape = async (): Promise<Sample[]> => {
    const res = await request(metricsUrl()).get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return parse(res.text);
  };
  /** The sum of a metric's samples whose labels include `labels`. */
  const valueOf = (samples: Sample[], name: string, labels: Record<string, string> = {}): number =>
    samples
      .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
      .reduce((sum, s) => sum + s.value, 0);

  it('serves only GET /metrics on its own port; the API port does not serve it', async () => {
    expect(server.app.get(Metrics).port).toEqual(expect.any(Number));
    await request(metricsUrl()).get('/').expect(404);
    await request(metricsUrl()).post('/metrics').expect(404);
    expect((await request(server.baseUrl).get('/metrics')).text).not.toContain('heimo_');
    const samples = await scrape();
    // Process metrics, the pool and the queues are there from the start.
    expect(valueOf(samples, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(samples.some((s) => s.name === 'nodejs_eventloop_lag_p99_seconds')).toBe(true);
    expect(valueOf(samples, 'heimo_db_pool_max_connections')).toBe(10);
    expect(samples.some((s) => s.name === 'heimo_queue_jobs' && s.labels.queue === 'notifications')).toBe(
      true,
    );
    expect(samples.some((s) => s.name === 'heimo_clicks_lost_total')).toBe(true);
    for (const check of ['database', 'migrations', 'queue'])
      expect(valueOf(samples, 'heimo_ready', { check })).toBe(1);
  });

  it('moves after a share, redirects on both ports, a job and an e-mail; no label holds personal data', async () => {
    const { org, admin, advocate } = await ctx.newOrg('Metrics Oy');
    const pack = await newFeedPack(server.dataSource, org.id, {
      destinationUrl: 'https://example.com/metrics',
    });
    const before = await scrape();

    // A share.
    const agent = await ctx.signIn(advocate);
    const shared = await agent.post('/api/shares').send({ packId: pack.id, network: 'linkedin' }).expect(201);
    const code = String(shared.body.code);
    // An HTTP request to a route with an id: the template is the label, never the id.
    const adminAgent = await ctx.signIn(admin);
    await adminAgent.get(`/api/people/${advocate.id}`).expect(200);

    // Redirects on the API port and on REDIRECT_PORT's thread, and one unknown code.
    const listener = server.app.get(RedirectListener);
    await request(server.baseUrl).get(`/r/${code}`).set('User-Agent', CHROME).expect(302);
    await request(`http://127.0.0.1:${listener.port}`)
      .get(`/r/${code}`)
      .set('User-Agent', CHROME)
      .expect(302);
    await request(server.baseUrl).get('/r/zzzzzzzzzz').expect(404);
    await listener.flush();
    await server.app.get(ClickRecorder).flush();

    // A job of the click-maintenance queue, run by this process's worker.
    const queue = server.app.get<Queue>(getQueueToken(QueueName.ClickMaintenance));
    const jobsBefore = valueOf(before, 'heimo_queue_job_duration_seconds_count', {
      queue: QueueName.ClickMaintenance,
      outcome: 'completed',
    });
    await queue.add(ENSURE_CLICK_PARTITIONS_JOB, {});

    // An e-mail (an invitation), the first attempt refused by the SMTP server, the second sent.
    smtp.refuseNext(1);
    await adminAgent
      .post('/api/people/invitations')
      .send({ email: 'metrics-invitee@example.test' })
      .expect(201);
    await smtp.waitFor(1, 15_000);

    const after = await waitFor(
      scrape,
      (s) =>
        valueOf(s, 'heimo_clicks_stored_total') >= valueOf(before, 'heimo_clicks_stored_total') + 2 &&
        valueOf(s, 'heimo_queue_job_duration_seconds_count', {
          queue: QueueName.ClickMaintenance,
          outcome: 'completed',
        }) > jobsBefore &&
        valueOf(s, 'heimo_emails_sent_total', { transport: 'smtp' }) > 0,
      15_000,
    );
    const moved = (name: string, labels: Record<string, string> = {}) =>
      valueOf(after, name, labels) - valueOf(before, name, labels);

    expect(moved('heimo_shares_total', { network: 'linkedin' })).toBe(1);
    expect(moved('heimo_redirects_total', { outcome: 'redirected' })).toBe(2);
    expect(moved('heimo_redirects_total', { outcome: 'not_found' })).toBe(1);
    expect(moved('heimo_clicks_streamed_total')).toBe(2);
    expect(moved('heimo_clicks_stored_total')).toBeGreaterThanOrEqual(2);
    expect(moved('heimo_clicks_journalled_total')).toBe(0);
    expect(valueOf(after, 'heimo_clicks_lost_total')).toBe(0);
    expect(
      moved('heimo_queue_job_duration_seconds_count', {
        queue: QueueName.ClickMaintenance,
        outcome: 'completed',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(moved('heimo_emails_sent_total', { transport: 'smtp' })).toBe(1);
    expect(moved('heimo_emails_failed_total', { transport: 'smtp' })).toBe(1);
    expect(
      moved('heimo_http_request_duration_seconds_count', {
        method: 'POST',
        route: '/api/shares',
        status: '201',
      }),
    ).toBe(1);
    expect(
      moved('heimo_http_request_duration_seconds_count', {
        method: 'GET',
        route: '/api/people/:memberId',
        status: '200',
      }),
    ).toBe(1);
    // Once stored, the stream holds nothing of them.
    const stream = await waitFor(scrape, (s) => valueOf(s, 'heimo_click_stream_entries') === 0, 10_000);
    expect(valueOf(stream, 'heimo_click_stream_entries')).toBe(0);
    expect(valueOf(stream, 'heimo_click_stream_oldest_age_seconds')).toBe(0);
    expect(valueOf(after, 'heimo_db_pool_connections', { state: 'idle' })).toBeGreaterThan(0);
    // The sign-ins, the share and the reads sent statements (at least one per signed-in request).
    expect(moved('heimo_db_queries_total')).toBeGreaterThanOrEqual(3);

    // No label value carries a person, an e-mail address, a code or an id of a row.
    const personal = [
      org.id,
      admin.id,
      advocate.id,
      advocate.email,
      admin.email,
      'metrics-invitee',
      code,
      String(shared.body.id),
      pack.id,
      org.slug,
    ];
    const values = after.flatMap((s) => Object.values(s.labels));
    for (const value of values) {
      expect(value).not.toMatch(/@/);
      expect(value).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
      for (const item of personal) expect(value).not.toContain(item);
    }
    // And every metric of Heimo's own follows the conventions: a prefix, counters in _total.
    for (const s of after.filter((sample) => sample.name.startsWith('heimo_'))) {
      expect(s.name).toMatch(/^heimo_[a-z0-9_]+$/);
    }
  });

  it('has every metric the Grafana dashboard and the alert rules in ops/ name', async () => {
    const ops = join(__dirname, '../../ops');
    const dashboard = JSON.parse(readFileSync(join(ops, 'grafana/heimo-dashboard.json'), 'utf8')) as {
      panels: { title: string; targets: { expr: string }[] }[];
    };
    const rules = readFileSync(join(ops, 'prometheus/heimo-alerts.yml'), 'utf8');
    const expressions = [
      ...dashboard.panels.flatMap((panel) => panel.targets.map((target) => target.expr)),
      ...[...rules.matchAll(/^\s+expr: (.+)$/gm)].map((match) => match[1]!),
    ];
    expect(dashboard.panels.length).toBeGreaterThan(10);
    expect(expressions.length).toBeGreaterThan(dashboard.panels.length + 8);
    const text = (await request(metricsUrl()).get('/metrics').expect(200)).text;
    const declared = new Map(
      [...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((match) => [match[1]!, match[2]!] as const),
    );
    const named = new Set(
      expressions.flatMap((expr) => expr.match(/\b(?:heimo|process|nodejs)_[a-z0-9_]+/g) ?? []),
    );
    expect(named.size).toBeGreaterThan(15);
    const missing = [...named].filter((name) => {
      if (declared.has(name)) return false;
      // A histogram's series: <name>_bucket, _sum and _count.
      const base = name.replace(/_(bucket|sum|count)$/, '');
      return declared.get(base) !== 'histogram';
    });
    expect(missing).toEqual([]);
  });
});
