import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { adaptiveCardMessageIssues, slackMessageIssues } from '@heimo/content';
import { ChannelScheduler } from '../../apps/api/src/modules/channels/channel-scheduler';
import { newMediaAsset, newPack } from '../support/packs';
import { useTestServer } from '../support/use-test-server';
import { waitFor } from '../support/wait';

interface Received {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
}

/** A Slack or Teams stand-in on loopback: records every post and answers the statuses queued for its path. */
class Receiver {
  readonly received: Received[] = [];
  private readonly answers = new Map<string, number[]>();
  private server!: Server;
  port = 0;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const path = req.url ?? '';
        let body: unknown = null;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          body = Buffer.concat(chunks).toString('utf8');
        }
        this.received.push({ path, headers: req.headers, body });
        const status = this.answers.get(path.split('?')[0]!)?.shift() ?? 200;
        res.writeHead(status, { 'content-type': 'text/plain' });
        res.end(status === 200 ? 'ok' : status === 404 ? 'no_service' : 'internal_error');
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  answer(path: string, ...statuses: number[]): void {
    this.answers.set(path, statuses);
  }

  to(path: string): Received[] {
    return this.received.filter((item) => item.path.split('?')[0] === path);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const receiver = new Receiver();
beforeAll(() => receiver.start());
afterAll(() => receiver.stop());

const slackPath = (name: string) => `/services/T0HEIMO/B0${name.toUpperCase()}/x9Qe${name}`;
const teamsPath = (name: string) => `/workflows/0a1b2c${name}/triggers/manual/paths/invoke`;

describe('Slack and Teams channels', () => {
  const { server, ctx } = useTestServer(() => ({
    workers: true,
    env: { OUTBOUND_ALLOWED_HOSTS: `127.0.0.1:${receiver.port}`, CHANNEL_RETRY_BASE_MS: '20' },
  }));
  const local = (path: string) => `http://127.0.0.1:${receiver.port}${path}`;
  let org: Awaited<ReturnType<typeof ctx.newOrg>>;
  let admin: request.Agent;

  beforeAll(async () => {
    org = await ctx.newOrg('Channels');
    admin = await ctx.signIn(org.admin);
  });

  const add = (body: Record<string, unknown>) =>
    admin.post('/api/channels').send({ kind: 'slack', name: '#news', events: [], ...body });
  const posts = (channelId: string) =>
    server.dataSource.query(
      `SELECT message, status, attempts, response_status AS "responseStatus", last_error AS "lastError"
         FROM chat_channel_posts WHERE channel_id = $1 ORDER BY created_at`,
      [channelId],
    ) as Promise<
      {
        message: string;
        status: string;
        attempts: number;
        responseStatus: number | null;
        lastError: string | null;
      }[]
    >;

  it('adds a Slack channel with the URL sealed and masked, and posts a test message within Block Kit’s limits', async () => {
    const url = local(slackPath('test'));
    const created = await add({ url, events: ['pack_published'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      kind: 'slack',
      name: '#news',
      events: ['pack_published'],
      enabled: true,
    });
    expect(created.body.urlHint).toBe(`http://127.0.0.1:${receiver.port}/…test`);
    expect(JSON.stringify(created.body)).not.toContain(slackPath('test'));
    const [row] = (await server.dataSource.query(`SELECT url_sealed FROM chat_channels WHERE id = $1`, [
      created.body.id,
    ])) as { url_sealed: string }[];
    expect(row!.url_sealed).toMatch(/^v1\./);
    expect(row!.url_sealed).not.toContain('services');
    const listed = await admin.get('/api/channels');
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).not.toContain(slackPath('test'));

    const tested = await admin.post(`/api/channels/${created.body.id}/test`);
    expect(tested.status).toBe(200);
    expect(tested.body).toMatchObject({ status: 'sent', responseStatus: 200, error: null });
    expect(tested.body.channel).toMatchObject({ lastStatus: 'sent', lastError: null });
    const [post] = receiver.to(slackPath('test'));
    expect(post?.headers['content-type']).toMatch(/^application\/json/);
    expect(slackMessageIssues(post?.body)).toEqual([]);
    expect(JSON.stringify(post?.body)).toContain('#news');
  });

  it('adds a Teams Workflows channel whose test message is an Adaptive Card 1.5 in its envelope, in Finnish', async () => {
    await server.dataSource.query(`UPDATE organisations SET default_locale = 'fi' WHERE id = $1`, [
      org.org.id,
    ]);
    try {
      const created = await add({
        kind: 'teams',
        name: 'Uutiset',
        url: `${local(teamsPath('t'))}?api-version=1&sig=abcd`,
      });
      expect(created.status).toBe(201);
      expect(created.body.urlHint).toMatch(/…abcd$/);
      const tested = await admin.post(`/api/channels/${created.body.id}/test`);
      expect(tested.body).toMatchObject({ status: 'sent', responseStatus: 200 });
      const [post] = receiver.to(teamsPath('t'));
      expect(adaptiveCardMessageIssues(post?.body)).toEqual([]);
      const card = (post?.body as { attachments: { content: { version: string; lang: string } }[] })
        .attachments[0]!;
      expect(card.content).toMatchObject({ version: '1.5', lang: 'fi' });
      expect(JSON.stringify(post?.body)).toContain('Heimo on yhdistetty');
    } finally {
      await server.dataSource.query(`UPDATE organisations SET default_locale = 'en' WHERE id = $1`, [
        org.org.id,
      ]);
    }
  });

  it('reports a channel that refuses the test message, without retrying a 404', async () => {
    receiver.answer(slackPath('gone'), 404);
    const created = await add({ url: local(slackPath('gone')) });
    const tested = await admin.post(`/api/channels/${created.body.id}/test`);
    expect(tested.status).toBe(200);
    expect(tested.body).toMatchObject({ status: 'failed', responseStatus: 404 });
    expect(tested.body.error).toContain('HTTP 404: no_service');
    expect((await admin.get('/api/channels')).body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: created.body.id, lastStatus: 'failed' })]),
    );
    expect(await posts(created.body.id)).toEqual([
      expect.objectContaining({ status: 'failed', attempts: 1 }),
    ]);
  });

  it('posts a published pack through the queue, once, retrying after a 500', async () => {
    receiver.answer(slackPath('packs'), 500);
    const created = await add({ url: local(slackPath('packs')), events: ['pack_published'] });
    const teams = await add({
      kind: 'teams',
      url: `${local(teamsPath('p'))}?sig=x`,
      events: ['pack_published'],
    });
    const picture = await newMediaAsset(server.dataSource, org.org.id, 'image', 'The spring collection');
    const pack = await newPack(server.dataSource, org.org.id, {
      title: 'Spring <!here> launch',
      status: 'published',
      variants: [{ network: 'linkedin' }, { network: 'facebook' }],
    });
    await server.dataSource.query(`UPDATE packs SET media_ids = $2 WHERE id = $1`, [pack.id, [picture.id]]);
    // A pack for fans only is not posted to the company's channels.
    await server.dataSource.query(`UPDATE packs SET audience_kinds = '{fan}' WHERE id = $1`, [
      (await newPack(server.dataSource, org.org.id, { status: 'published' })).id,
    ]);
    const scheduler = server.app.get(ChannelScheduler);
    await scheduler.tick();
    await scheduler.tick();
    const done = await waitFor(
      () => posts(created.body.id),
      (rows) => rows[0]?.status === 'sent',
    );
    expect(done).toEqual([
      expect.objectContaining({
        message: 'pack_published',
        status: 'sent',
        attempts: 2,
        responseStatus: 200,
      }),
    ]);
    const delivered = receiver.to(slackPath('packs'));
    expect(delivered).toHaveLength(2);
    const body = delivered[1]!.body as {
      blocks: { type: string; image_url?: string; elements?: { url?: string }[] }[];
    };
    expect(slackMessageIssues(body)).toEqual([]);
    expect(JSON.stringify(body)).toContain('Spring &lt;!here&gt; launch');
    expect(body.blocks.find((block) => block.type === 'image')?.image_url).toMatch(
      new RegExp(`/media/${picture.id}$`),
    );
    expect(JSON.stringify(body)).toMatch(/LinkedIn/);
    expect(JSON.stringify(body)).toMatch(/Facebook/);
    expect(body.blocks.find((block) => block.type === 'actions')?.elements?.[0]?.url).toMatch(
      new RegExp(`/feed\\?pack=${pack.id}$`),
    );
    await waitFor(
      () => posts(teams.body.id),
      (rows) => rows[0]?.status === 'sent',
    );
    expect(adaptiveCardMessageIssues(receiver.to(teamsPath('p'))[0]?.body)).toEqual([]);
    // Ticks after it add nothing: one post per channel and pack.
    await scheduler.tick();
    expect(await posts(created.body.id)).toHaveLength(1);
  });

  it('cuts a pack’s long title and summary to the limits before they reach Slack and Teams', async () => {
    const slack = await add({ url: local(slackPath('long')), events: ['pack_published'] });
    const teams = await add({
      kind: 'teams',
      url: `${local(teamsPath('long'))}?sig=x`,
      events: ['pack_published'],
    });
    const title = `Long ${'title '.repeat(80)}`;
    const pack = await newPack(server.dataSource, org.org.id, { title, status: 'published' });
    await server.dataSource.query(`UPDATE packs SET summary = $2 WHERE id = $1`, [
      pack.id,
      `A & B <!channel> ${'summary text '.repeat(500)}`,
    ]);
    await server.app.get(ChannelScheduler).tick();
    for (const id of [slack.body.id, teams.body.id])
      await waitFor(
        () => posts(id),
        (rows) => rows[0]?.status === 'sent',
      );
    const [slackPost] = receiver.to(slackPath('long'));
    expect(slackMessageIssues(slackPost?.body)).toEqual([]);
    const blocks = (slackPost!.body as { blocks: { type: string; text?: { text: string } }[] }).blocks;
    const header = blocks.find((block) => block.type === 'header')!.text!.text;
    expect(Array.from(header).length).toBeGreaterThan(140);
    expect(Array.from(header).length).toBeLessThanOrEqual(150);
    expect(header.endsWith('…')).toBe(true);
    const section = blocks.find((block) => block.type === 'section')!.text!.text;
    expect(Array.from(section).length).toBeGreaterThan(2900);
    expect(Array.from(section).length).toBeLessThanOrEqual(3000);
    expect(section).not.toContain('<!channel>');
    const [teamsPost] = receiver.to(teamsPath('long'));
    expect(adaptiveCardMessageIssues(teamsPost?.body)).toEqual([]);
    const texts = (
      teamsPost!.body as { attachments: { content: { body: { text?: string }[] } }[] }
    ).attachments[0]!.content.body.flatMap((element) => (element.text ? [element.text] : []));
    for (const text of texts) expect(Array.from(text).length).toBeLessThanOrEqual(3000);
    expect(texts.some((text) => text.startsWith('Long title'))).toBe(true);
  });

  it('marks a post failed after its last attempt when the channel keeps failing', async () => {
    receiver.answer(slackPath('down'), 500, 500, 500, 500, 500);
    const created = await add({ url: local(slackPath('down')), events: ['pack_published'] });
    await newPack(server.dataSource, org.org.id, { title: 'Another', status: 'published' });
    await server.app.get(ChannelScheduler).tick();
    const rows = await waitFor(
      () => posts(created.body.id),
      (found) => found.length > 0 && found.every((row) => row.status === 'failed'),
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatchObject({ status: 'failed', attempts: 5, responseStatus: 500 });
  });

  it('posts last week’s top advocates on Monday, opted-out ones anonymous, and the training deadlines', async () => {
    const other = await ctx.newOrg('Weekly');
    const otherAdmin = await ctx.signIn(other.admin);
    const [aino, bea] = await Promise.all([
      ctx.newMember(other.org.id, { roles: ['advocate'], name: 'Aino Secret' }),
      ctx.newMember(other.org.id, { roles: ['advocate'], name: 'Bea Public' }),
    ]);
    await server.dataSource.query(`UPDATE members SET leaderboard_opt_out = true WHERE id = $1`, [aino.id]);
    for (const [member, points] of [
      [aino, 50],
      [bea, 30],
    ] as const)
      await server.dataSource.query(
        `INSERT INTO period_stats (organisation_id, period_kind, period_start, network, member_id, shares, points, ranked, kind)
         VALUES ($1, 'week', '2026-12-07', '*', $2, 3, $3, true, 'employee')`,
        [other.org.id, member.id, points],
      );
    const module = await ctx.newTrainingModule(other.org.id, {
      title: { en: 'Social media policy' },
      validityDays: 365,
      requiredFor: { kinds: ['employee'], teamIds: [] },
    });
    // Required before sharing: the readiness the deadlines are counted from.
    await server.dataSource.query(
      `UPDATE organisations SET settings = jsonb_build_object('requiredTrainingModuleIds', jsonb_build_array($2::text))
        WHERE id = $1`,
      [other.org.id, module.id],
    );
    await server.dataSource.query(
      `INSERT INTO training_completions (organisation_id, member_id, module_id, kind, version, passed, completed_at)
       VALUES ($1, $2, $3, 'acceptance', 1, true, '2025-12-20T10:00:00Z')`,
      [other.org.id, bea.id, module.id],
    );
    const created = await otherAdmin.post('/api/channels').send({
      kind: 'slack',
      name: '#weekly',
      url: local(slackPath('weekly')),
      events: ['top_advocates', 'training_deadlines'],
    });
    expect(created.status).toBe(201);
    const scheduler = server.app.get(ChannelScheduler);
    // Sunday evening in Helsinki: nothing weekly yet.
    await scheduler.tick(new Date('2026-12-13T20:00:00Z'));
    expect(await posts(created.body.id)).toEqual([]);
    // Monday 11:00 in Helsinki, after DIGEST_HOUR.
    await scheduler.tick(new Date('2026-12-14T09:00:00Z'));
    await scheduler.tick(new Date('2026-12-14T10:00:00Z'));
    const rows = await waitFor(
      () => posts(created.body.id),
      (found) => found.length === 2 && found.every((row) => row.status === 'sent'),
    );
    expect(rows.map((row) => row.message).sort()).toEqual(['top_advocates', 'training_deadlines']);
    const bodies = receiver.to(slackPath('weekly')).map((item) => JSON.stringify(item.body));
    const board = bodies.find((body) => body.includes('Top advocates'))!;
    expect(board).toContain('1. Anonymous advocate — 50 points');
    expect(board).toContain('2. Bea Public — 30 points');
    expect(board).not.toContain('Aino');
    const deadlines = bodies.find((body) => body.includes('Training deadlines'))!;
    expect(deadlines).toContain('"• Social media policy — 1 to renew by 20 December 2026"');
    for (const item of receiver.to(slackPath('weekly'))) expect(slackMessageIssues(item.body)).toEqual([]);
  });

  it('pauses, renames, re-points and removes a channel, with audit events', async () => {
    const created = await add({ url: local(slackPath('edit')), events: ['pack_published'] });
    const changed = await admin
      .patch(`/api/channels/${created.body.id}`)
      .send({ enabled: false, name: '#general', events: ['top_advocates'], url: local(slackPath('edit2')) });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ enabled: false, name: '#general', events: ['top_advocates'] });
    expect(changed.body.urlHint).toMatch(/…dit2$/);
    // A Teams URL does not fit a Slack channel.
    const wrong = await admin
      .patch(`/api/channels/${created.body.id}`)
      .send({ url: `${local(teamsPath('x'))}?sig=1` });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0]).toMatchObject({ field: 'url', code: 'channel.bad_path' });
    expect((await admin.delete(`/api/channels/${created.body.id}`)).status).toBe(204);
    expect((await admin.delete(`/api/channels/${created.body.id}`)).status).toBe(404);
    const actions = (await server.dataSource.query(
      `SELECT action FROM audit_events WHERE target_id = $1 ORDER BY created_at`,
      [created.body.id],
    )) as { action: string }[];
    expect(actions.map((row) => row.action)).toEqual([
      'channel.created',
      'channel.updated',
      'channel.deleted',
    ]);
  });

  describe('refuses bad input with a 400 naming the field, saving nothing', () => {
    const slack = (url: string) => ({ kind: 'slack', url });
    const teams = (url: string) => ({ kind: 'teams', url });
    const cases: [string, Record<string, unknown>, string, string][] = [
      [
        'a host that is not Slack’s',
        slack('https://hooks.example.com/services/T0/B0/x'),
        'url',
        'channel.wrong_host',
      ],
      [
        'a look-alike Slack host',
        slack('https://hooks.slack.com.evil.example/services/T0/B0/x'),
        'url',
        'channel.wrong_host',
      ],
      [
        'a Slack URL that is not a webhook',
        slack('https://hooks.slack.com/workflows/T0/x'),
        'url',
        'channel.bad_path',
      ],
      [
        'a user name and password',
        slack('https://user:secret@hooks.slack.com/services/T0/B0/x'),
        'url',
        'channel.credentials_in_url',
      ],
      [
        'credentials on the allow-listed host',
        slack(`http://a:b@127.0.0.1:1/services/T0/B0/x`),
        'url',
        'channel.credentials_in_url',
      ],
      ['plain http to Slack', slack('http://hooks.slack.com/services/T0/B0/x'), 'url', 'channel.not_https'],
      ['another scheme', slack('ftp://hooks.slack.com/services/T0/B0/x'), 'url', 'channel.bad_scheme'],
      ['not a URL', slack('hooks.slack.com/services/T0/B0/x'), 'url', 'channel.bad_url'],
      ['a private address', slack('https://10.1.2.3/services/T0/B0/x'), 'url', 'channel.private_address'],
      [
        'the cloud metadata address',
        slack('https://169.254.169.254/services/T0/B0/x'),
        'url',
        'channel.private_address',
      ],
      ['IPv6 loopback', slack('https://[::1]/services/T0/B0/x'), 'url', 'channel.private_address'],
      [
        'localhost on another port',
        slack('https://localhost:8443/services/T0/B0/x'),
        'url',
        'channel.private_address',
      ],
      [
        'loopback not on the allow-list',
        slack('http://127.0.0.1:1/services/T0/B0/x'),
        'url',
        'channel.private_address',
      ],
      [
        'a Slack URL for Teams',
        teams('https://hooks.slack.com/services/T0/B0/x'),
        'url',
        'channel.wrong_host',
      ],
      [
        'a Teams look-alike host',
        teams(
          'https://prod-1.westeurope.logic.azure.com.evil.example/workflows/1/triggers/manual/paths/invoke?sig=1',
        ),
        'url',
        'channel.wrong_host',
      ],
      [
        'a Teams host with another path',
        teams('https://prod-1.westeurope.logic.azure.com/api/x'),
        'url',
        'channel.bad_path',
      ],
      [
        'an unknown kind',
        { kind: 'discord', url: 'https://discord.com/api/webhooks/1/x' },
        'kind',
        'validation.failed',
      ],
      [
        'an unknown event',
        { ...slack('https://hooks.slack.com/services/T0/B0/x'), events: ['pack_expired'] },
        'events',
        'validation.failed',
      ],
      [
        'a repeated event',
        { ...slack('https://hooks.slack.com/services/T0/B0/x'), events: ['top_advocates', 'top_advocates'] },
        'events',
        'validation.failed',
      ],
      [
        'an empty name',
        { ...slack('https://hooks.slack.com/services/T0/B0/x'), name: '   ' },
        'name',
        'validation.failed',
      ],
      [
        'a URL too long',
        slack(`https://hooks.slack.com/services/T0/B0/${'x'.repeat(2100)}`),
        'url',
        'validation.failed',
      ],
    ];

    it.each(cases)('%s', async (_label, body, field, code) => {
      // This organisation's channels only: other test files add channels to the same database meanwhile.
      const count = () =>
        server.dataSource.query(`SELECT count(*)::int AS n FROM chat_channels WHERE organisation_id = $1`, [
          org.org.id,
        ]);
      const before = await count();
      const res = await add(body);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      if (code !== 'validation.failed') expect(res.body.code).toBe(code);
      expect(await count()).toEqual(before);
    });

    it('accepts the documented Teams hosts', async () => {
      for (const url of [
        'https://prod-12.westeurope.logic.azure.com:443/workflows/8f0e1d/triggers/manual/paths/invoke?api-version=2016-06-01&sig=abc',
        'https://default1a2b.3c.environment.api.powerplatform.com:443/powerautomate/automations/direct/workflows/9a8b7c/triggers/manual/paths/invoke?api-version=1&sig=def',
      ]) {
        const res = await add(teams(url));
        expect(res.status).toBe(201);
        await admin.delete(`/api/channels/${res.body.id}`);
      }
    });
  });
});
