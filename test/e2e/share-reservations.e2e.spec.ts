import { listNetworks } from '@heimo/domain';
import request from 'supertest';
import { newFeedPack, patchSettings, sharingState } from '../support/feed-packs';
import { newMediaAsset } from '../support/packs';
import { useTestServer } from '../support/use-test-server';

const PUBLIC_URL = 'http://localhost:3000';
const TEMPLATE = 'Worth a read {{link}} {{hashtags}} {{disclosure}}';
const DESTINATION = 'https://example.com/news/launch';

interface Reservation {
  id: string;
  packId: string;
  network: string;
  locale: string;
  code: string;
  text: string;
  trackedUrl: string;
  link: string | null;
  title: string | null;
  mediaUrl: string | null;
  expiresAt: string;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('share reservations (the phone’s share sheet)', () => {
  // Workers on: a click on a confirmed code is counted, so one on a reserved code could be too.
  const { server, ctx } = useTestServer({ workers: true });

  async function sharingOrg(name: string) {
    const made = await ctx.newOrg(name);
    await patchSettings(server.dataSource, made.org.id, {
      disclosure: { hashtag: '#employee', required: true },
    });
    const image = await newMediaAsset(server.dataSource, made.org.id, 'image');
    const pack = await newFeedPack(server.dataSource, made.org.id, {
      title: 'Launch',
      destinationUrl: DESTINATION,
      hashtags: ['launch'],
      variants: listNetworks().map((network) => ({
        network: network.id,
        captionTemplate: TEMPLATE,
        title: network.title ? 'A title' : null,
        mediaIds: network.media.required ? [image.id] : [],
      })),
    });
    return { ...made, image, pack };
  }

  const reserve = (agent: request.Agent, body: unknown, key?: string) => {
    const call = agent.post('/api/shares/reservations');
    if (key !== undefined) call.set('Idempotency-Key', key);
    return call.send(body as object);
  };
  const confirm = (agent: request.Agent, id: string) => agent.post(`/api/shares/reservations/${id}/confirm`);
  const release = (agent: request.Agent, id: string) => agent.delete(`/api/shares/reservations/${id}`);
  const CHROME =
    'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';
  const visit = (code: string) =>
    request(server.baseUrl).get(`/r/${code}`).set('User-Agent', CHROME).redirects(0);
  const reservationRows = async (organisationId: string) =>
    (
      await server.dataSource.query(
        "SELECT count(*)::int AS n FROM share_reservations WHERE organisation_id = $1 AND idempotency_key <> 'fixture'",
        [organisationId],
      )
    )[0].n as number;
  const clicksOn = async (code: string) =>
    (
      await server.dataSource.query(
        `SELECT (SELECT count(*)::int FROM click_events e JOIN shares s ON s.id = e.share_id WHERE s.code = $1) AS events,
                (SELECT coalesce(sum(clicks), 0)::int FROM shares WHERE code = $1) AS clicks`,
        [code],
      )
    )[0] as { events: number; clicks: number };

  it('reserves the final caption and tracked link, counts nothing until confirmed, then makes the share once', async () => {
    const { org, advocate, pack } = await sharingOrg('Reserve');
    const agent = await ctx.signIn(advocate);
    const reserved = await reserve(agent, { packId: pack.id, network: 'x' }, 'sheet-1').expect(201);
    const body = reserved.body as Reservation;
    expect(body.code).toMatch(/^[0-9A-Za-z]{10}$/);
    expect(body).toMatchObject({
      packId: pack.id,
      network: 'x',
      locale: 'en',
      trackedUrl: `${PUBLIC_URL}/r/${body.code}`,
      link: `${PUBLIC_URL}/r/${body.code}`,
      text: `Worth a read ${PUBLIC_URL}/r/${body.code} #launch #employee`,
      mediaUrl: null,
    });
    const ttl = Date.parse(body.expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(25 * 60_000);
    expect(ttl).toBeLessThanOrEqual(30 * 60_000);
    expect(await sharingState(server.dataSource, org.id)).toMatchObject({
      shares: 0,
      dailyShares: 0,
      audited: 0,
    });

    // While reserved the link leads on (a preview fetched while the sheet is open), uncounted.
    const early = await visit(body.code).expect(302);
    expect(new URL(early.headers.location as string).searchParams.get('utm_content')).toBe(body.code);

    const first = await confirm(agent, body.id).expect(201);
    expect(first.body).toMatchObject({
      code: body.code,
      text: body.text,
      trackedUrl: body.trackedUrl,
      credited: true,
    });
    // Confirmed twice (a retry after a lost answer, a double tap): the same share, made once.
    const [again, concurrent] = await Promise.all([confirm(agent, body.id), confirm(agent, body.id)]);
    for (const res of [again, concurrent]) {
      expect(res.status).toBe(200);
      expect(res.headers['idempotent-replayed']).toBe('true');
      expect(res.body.id).toBe(first.body.id);
    }
    // The share command with the reservation's key: a share with that key is the same share.
    const direct = await agent
      .post('/api/shares')
      .set('Idempotency-Key', 'sheet-1')
      .send({ packId: pack.id, network: 'x' })
      .expect(200);
    expect(direct.body.id).toBe(first.body.id);
    expect(await sharingState(server.dataSource, org.id)).toMatchObject({
      shares: 1,
      dailyShares: 1,
      dailyPoints: 10,
      audited: 1,
    });
    const released = await release(agent, body.id).expect(409);
    expect(released.body.code).toBe('share_reservation.confirmed');

    await visit(body.code).expect(302);
    await waitFor(async () => (await clicksOn(body.code)).clicks >= 1);
    // Only the click after the confirmation counted.
    expect(await clicksOn(body.code)).toEqual({ events: 1, clicks: 1 });
  });

  it('releases a cancelled sheet’s reservation: nothing recorded, and its code is unknown from then on', async () => {
    const { org, advocate, pack, image } = await sharingOrg('Release');
    const agent = await ctx.signIn(advocate);
    const { body } = (await reserve(agent, { packId: pack.id, network: 'instagram' }).expect(201)) as {
      body: Reservation;
    };
    // Instagram: the picture matters; the sheet gets it as a file, with the caption and the link.
    expect(body).toMatchObject({ mediaUrl: `/media/${image.id}`, link: body.trackedUrl });
    await release(agent, body.id).expect(204);
    expect(await reservationRows(org.id)).toBe(0);
    expect((await visit(body.code)).status).toBe(404);
    expect((await confirm(agent, body.id).expect(404)).body.code).toBe('share_reservation.not_found');
    await release(agent, body.id).expect(404);
    expect(await sharingState(server.dataSource, org.id)).toMatchObject({
      shares: 0,
      dailyShares: 0,
      audited: 0,
    });
  });

  it('refuses to confirm an expired reservation (410), whose link is then unknown, and forgets it at the next reservation', async () => {
    const { org, advocate, pack } = await sharingOrg('Expired');
    const agent = await ctx.signIn(advocate);
    const { body } = (await reserve(agent, { packId: pack.id, network: 'linkedin' }).expect(201)) as {
      body: Reservation;
    };
    await server.dataSource.query(
      "UPDATE share_reservations SET expires_at = now() - interval '1 second' WHERE id = $1",
      [body.id],
    );
    const refused = await confirm(agent, body.id).expect(410);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body.code).toBe('share_reservation.expired');
    expect((await visit(body.code)).status).toBe(404);
    expect(await sharingState(server.dataSource, org.id)).toMatchObject({ shares: 0, audited: 0 });

    await reserve(agent, { packId: pack.id, network: 'linkedin' }).expect(201);
    const rows = await server.dataSource.query(
      "SELECT id FROM share_reservations WHERE organisation_id = $1 AND idempotency_key <> 'fixture'",
      [org.id],
    );
    expect(rows.map((row: { id: string }) => row.id)).not.toContain(body.id);
  });

  it('answers a repeated reservation with the same one, and refuses the key with another request', async () => {
    const { org, advocate, pack } = await sharingOrg('Repeat');
    const agent = await ctx.signIn(advocate);
    const first = await reserve(agent, { packId: pack.id, network: 'facebook' }, 'same-key').expect(201);
    const repeat = await reserve(agent, { packId: pack.id, network: 'facebook' }, 'same-key').expect(200);
    expect(repeat.headers['idempotent-replayed']).toBe('true');
    expect(repeat.body).toEqual(first.body);
    const other = await reserve(agent, { packId: pack.id, network: 'pinterest' }, 'same-key').expect(422);
    expect(other.body.code).toBe('share.idempotency_key_reused');
    expect(await reservationRows(org.id)).toBe(1);
  });

  it('keeps a reservation to its member: another member, even of the organisation, gets 404', async () => {
    const { org, advocate, pack } = await sharingOrg('Own');
    const agent = await ctx.signIn(advocate);
    const { body } = (await reserve(agent, { packId: pack.id, network: 'x' }).expect(201)) as {
      body: Reservation;
    };
    const colleague = await ctx.signIn(await ctx.newMember(org.id, { roles: ['advocate'] }));
    expect((await confirm(colleague, body.id).expect(404)).body.code).toBe('share_reservation.not_found');
    await release(colleague, body.id).expect(404);
    expect(await reservationRows(org.id)).toBe(1);
    expect(await sharingState(server.dataSource, org.id)).toMatchObject({ shares: 0 });
  });

  describe('refusals write nothing', () => {
    it.each([
      [
        'an unknown pack',
        404,
        'pack.not_found',
        () => ({ packId: '00000000-0000-4000-8000-000000000000', network: 'x' }),
      ],
      ['a malformed pack id', 400, 'validation.failed', () => ({ packId: 'nope', network: 'x' })],
      ['an unknown network', 400, 'validation.failed', (packId: string) => ({ packId, network: 'myspace' })],
      [
        'an unknown field',
        400,
        'validation.failed',
        (packId: string) => ({ packId, network: 'x', extra: 1 }),
      ],
      [
        'a caption without the required disclosure',
        422,
        'share.caption_invalid',
        (packId: string) => ({ packId, network: 'x', caption: 'Mine [link]' }),
      ],
    ])('%s: %i %s', async (_label, status, code, makeBody) => {
      const { org, advocate, pack } = await sharingOrg(`Refused ${code}`);
      const agent = await ctx.signIn(advocate);
      const res = await reserve(agent, makeBody(pack.id));
      expect(res.status).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe(code);
      expect(await reservationRows(org.id)).toBe(0);
    });

    it('another organisation’s pack is not found (404), and a malformed Idempotency-Key names the header', async () => {
      const { org, advocate } = await sharingOrg('Mine');
      const { pack: foreign } = await sharingOrg('Theirs');
      const agent = await ctx.signIn(advocate);
      expect((await reserve(agent, { packId: foreign.id, network: 'x' }).expect(404)).body.code).toBe(
        'pack.not_found',
      );
      const badKey = await reserve(agent, { packId: foreign.id, network: 'x' }, 'ä'.repeat(3)).expect(400);
      expect(badKey.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
      expect(await reservationRows(org.id)).toBe(0);
    });

    it('a draft pack (409) reserves nothing', async () => {
      const { org, advocate, pack } = await ctx.newOrg('Draft');
      const agent = await ctx.signIn(advocate);
      const res = await reserve(agent, { packId: pack.id, network: 'linkedin' }).expect(409);
      expect(res.body.code).toBe('share.pack_not_published');
      expect(await reservationRows(org.id)).toBe(0);
    });
  });
});
