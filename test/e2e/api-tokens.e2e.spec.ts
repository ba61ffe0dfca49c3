import { createHash, randomBytes } from 'node:crypto';
import { GRANTABLE_API_TOKEN_SCOPES, type GrantableApiTokenScope } from '@heimo/domain';
import request from 'supertest';
import type { Member } from '../../apps/api/src/modules/members/entities/member.entity';
import { newPack } from '../support/packs';
import { newShare } from '../support/shares';
import { useTestServer } from '../support/use-test-server';

const DAY_MS = 24 * 3600 * 1000;
const RATE_LIMIT = 25;
const inDays = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString();

interface CreatedToken {
  id: string;
  token: string;
  name: string;
  scopes: string[];
  hint: string;
  status: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** A CSV download read as text. */
const asText = (req: request.Test) =>
  req.buffer(true).parse((response, callback) => {
    let text = '';
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => (text += chunk));
    response.on('end', () => callback(null, text));
  });

describe('organisation API tokens', () => {
  const { server, ctx } = useTestServer({
    workers: false,
    env: { RATE_LIMIT_API_TOKEN: String(RATE_LIMIT), RATE_LIMIT_SCIM_TOKEN: String(2 * RATE_LIMIT) },
  });
  let own: Awaited<ReturnType<typeof ctx.newOrg>>;
  let other: Awaited<ReturnType<typeof ctx.newOrg>>;
  let admin: request.Agent;
  let otherAdmin: request.Agent;
  let otherPackId: string;

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const api = () => request(server.baseUrl);

  async function createToken(
    scopes: readonly GrantableApiTokenScope[],
    agent: request.Agent = admin,
    name = `Token ${randomBytes(3).toString('hex')}`,
  ): Promise<CreatedToken> {
    const res = await agent.post('/api/api-tokens').send({ name, scopes, expiresAt: inDays(30) });
    if (res.status !== 201) throw new Error(`${res.status}: ${res.text}`);
    return res.body as CreatedToken;
  }

  // Other files' organisations share the database (each with a fixture token): only ours count.
  const tokenCount = async () =>
    (
      (await server.dataSource.query(
        'SELECT count(*)::int AS n FROM api_tokens WHERE organisation_id = ANY($1)',
        [[own.org.id, other.org.id]],
      )) as { n: number }[]
    )[0]!.n;

  beforeAll(async () => {
    own = await ctx.newOrg('Tokens');
    other = await ctx.newOrg('Elsewhere');
    admin = await ctx.signIn(own.admin);
    otherAdmin = await ctx.signIn(other.admin);
    const pack = await newPack(server.dataSource, own.org.id, { status: 'published', title: 'Own pack' });
    const otherPack = await newPack(server.dataSource, other.org.id, {
      status: 'published',
      title: 'Their pack',
    });
    otherPackId = otherPack.id;
    await newShare(server.dataSource, own.advocate as Member, pack, {
      network: 'linkedin',
      audienceSize: 100,
    });
    await newShare(server.dataSource, other.advocate as Member, otherPack, {
      network: 'linkedin',
      audienceSize: 100,
    });
  });

  describe('creating, listing and revoking', () => {
    it('answers the token once, keeps only its SHA-256 and lists it without it', async () => {
      const created = await createToken(['insights:read', 'people:read'], admin, 'Power BI');
      expect(created.token).toMatch(/^heimo_[A-Za-z0-9_-]{43}$/);
      expect(created).toMatchObject({
        name: 'Power BI',
        scopes: ['insights:read', 'people:read'],
        hint: created.token.slice(0, 10),
        status: 'active',
        lastUsedAt: null,
        revokedAt: null,
      });
      const [row] = (await server.dataSource.query('SELECT * FROM api_tokens WHERE id = $1', [
        created.id,
      ])) as {
        token_hash: string;
      }[];
      expect(row!.token_hash).toBe(createHash('sha256').update(created.token).digest('base64url'));
      expect(JSON.stringify(row)).not.toContain(created.token);

      const list = (await admin.get('/api/api-tokens').expect(200)).body as {
        items: Record<string, unknown>[];
      };
      const listed = list.items.find((item) => item.id === created.id);
      expect(listed).toMatchObject({ name: 'Power BI', createdByName: 'Ada Admin', status: 'active' });
      expect(listed).not.toHaveProperty('token');
      expect(JSON.stringify(list)).not.toContain(created.token);
      // The other organisation's list never shows it.
      const theirs = (await otherAdmin.get('/api/api-tokens').expect(200)).body as {
        items: { id: string }[];
      };
      expect(theirs.items.map((item) => item.id)).not.toContain(created.id);
    });

    it('revokes at once, audits creation, use and revocation, and revoking again changes nothing', async () => {
      const created = await createToken(['insights:read']);
      await api().get('/api/insights/dashboard').set(bearer(created.token)).expect(200);
      const listed = (await admin.get('/api/api-tokens').expect(200)).body as { items: CreatedToken[] };
      expect(listed.items.find((item) => item.id === created.id)!.lastUsedAt).not.toBeNull();

      const revoked = await admin.post(`/api/api-tokens/${created.id}/revoke`).expect(200);
      expect(revoked.body).toMatchObject({ id: created.id, status: 'revoked' });
      const again = await admin.post(`/api/api-tokens/${created.id}/revoke`).expect(200);
      expect(again.body.revokedAt).toBe(revoked.body.revokedAt);
      const res = await api().get('/api/insights/dashboard').set(bearer(created.token)).expect(401);
      expect(res.body.code).toBe('auth.token_invalid');

      const events = (await server.dataSource.query(
        `SELECT action, actor_member_id, details FROM audit_events
          WHERE target_type = 'api_token' AND target_id = $1 ORDER BY created_at`,
        [created.id],
      )) as { action: string; actor_member_id: string | null; details: Record<string, unknown> }[];
      expect(events).toEqual([
        expect.objectContaining({ action: 'api_token.created', actor_member_id: own.admin.id }),
        {
          action: 'api_token.used',
          actor_member_id: null,
          details: { method: 'GET', route: '/api/insights/dashboard' },
        },
        expect.objectContaining({ action: 'api_token.revoked', actor_member_id: own.admin.id }),
      ]);
      // The audit log names the token as the subject.
      const log = (await admin.get('/api/audit-events').query({ action: 'api_token.revoked' }).expect(200))
        .body as { items: { targetId: string; subject: { type: string; name: string } | null }[] };
      expect(log.items.find((item) => item.targetId === created.id)?.subject).toMatchObject({
        type: 'api_token',
        name: created.name,
      });
    });

    it('audits a busy token’s use once, not once a request', async () => {
      const created = await createToken(['people:read']);
      for (let i = 0; i < 3; i++) await api().get('/api/people').set(bearer(created.token)).expect(200);
      const [{ n }] = (await server.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_events WHERE action = 'api_token.used' AND target_id = $1`,
        [created.id],
      )) as { n: number }[];
      expect(n).toBe(1);
    });
  });

  describe('bad input answers 400 naming the field and writes nothing', () => {
    const valid = () => ({ name: 'Looker', scopes: ['insights:read'], expiresAt: inDays(30) });
    const cases: [string, Record<string, unknown>, string][] = [
      ['no name', { name: undefined }, 'name'],
      ['an empty name', { name: '' }, 'name'],
      ['a name of spaces', { name: '    ' }, 'name'],
      ['a name of 81 characters', { name: 'x'.repeat(81) }, 'name'],
      ['a name with a bidi override', { name: 'evil\u202Eexe.csv' }, 'name'],
      ['a name that is a number', { name: 42 }, 'name'],
      ['no scopes', { scopes: undefined }, 'scopes'],
      ['an empty scope list', { scopes: [] }, 'scopes'],
      ['an unknown scope', { scopes: ['insights:write'] }, 'scopes'],
      ['the SCIM scope', { scopes: ['scim'] }, 'scopes'],
      ['a repeated scope', { scopes: ['packs:read', 'packs:read'] }, 'scopes'],
      ['scopes as a string', { scopes: 'insights:read' }, 'scopes'],
      ['a scope that is a number', { scopes: [7] }, 'scopes'],
      ['no expiry', { expiresAt: undefined }, 'expiresAt'],
      ['an expiry in the past', { expiresAt: new Date(Date.now() - 60_000).toISOString() }, 'expiresAt'],
      ['an expiry over 366 days away', { expiresAt: inDays(400) }, 'expiresAt'],
      ['an expiry without a time', { expiresAt: '2027-03-01' }, 'expiresAt'],
      ['an expiry without an offset', { expiresAt: '2027-03-01T10:00:00' }, 'expiresAt'],
      ['an expiry that is no date', { expiresAt: 'next tuesday' }, 'expiresAt'],
      ['an impossible date', { expiresAt: '2027-02-30T10:00:00Z' }, 'expiresAt'],
      ['an unknown field', { role: 'admin' }, 'role'],
    ];
    it.each(cases)('%s', async (_, change, field) => {
      const before = await tokenCount();
      const res = await admin.post('/api/api-tokens').send({ ...valid(), ...change });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect((res.body as { errors: { field: string }[] }).errors.map((e) => e.field)).toContain(field);
      expect(await tokenCount()).toBe(before);
    });

    it('a past expiry says so with its own code', async () => {
      const res = await admin
        .post('/api/api-tokens')
        .send({ ...valid(), expiresAt: new Date(Date.now() - 1000).toISOString() })
        .expect(400);
      expect(res.body.errors).toEqual([
        expect.objectContaining({ field: 'expiresAt', code: 'api_token.expiry_past' }),
      ]);
    });

    it('revoking a malformed, unknown or foreign id answers 400 or 404', async () => {
      const malformed = await admin.post('/api/api-tokens/not-a-uuid/revoke').expect(400);
      expect(malformed.body.errors[0].field).toBe('tokenId');
      const unknown = await admin
        .post('/api/api-tokens/6f1c7e0e-3b7a-4c59-9d1e-0d1d4b8f0a11/revoke')
        .expect(404);
      expect(unknown.body.code).toBe('api_token.not_found');
      const theirs = await createToken(['insights:read'], otherAdmin);
      await admin.post(`/api/api-tokens/${theirs.id}/revoke`).expect(404);
      await api().get('/api/insights/dashboard').set(bearer(theirs.token)).expect(200);
    });
  });

  describe('authentication', () => {
    it('answers 401 to an expired, unknown or malformed token', async () => {
      const expired = await createToken(['insights:read']);
      await server.dataSource.query(
        `UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = $1`,
        [expired.id],
      );
      for (const token of [
        expired.token,
        `heimo_${randomBytes(32).toString('base64url')}`,
        'heimo_short',
        `heimo_${'!'.repeat(43)}`,
      ]) {
        const res = await api().get('/api/insights/dashboard').set(bearer(token));
        expect([token.slice(0, 12), res.status, res.body.code]).toEqual([
          token.slice(0, 12),
          401,
          'auth.token_invalid',
        ]);
      }
      const listed = (await admin.get('/api/api-tokens').expect(200)).body as { items: CreatedToken[] };
      expect(listed.items.find((item) => item.id === expired.id)!.status).toBe('expired');
    });

    it('refuses tokens on routes that declare no scope, whatever the token carries', async () => {
      const all = await createToken(GRANTABLE_API_TOKEN_SCOPES);
      const refused: [string, string][] = [
        ['GET', '/api/me'],
        ['GET', '/api/me/shares.csv'],
        ['GET', '/api/api-tokens'],
        ['POST', '/api/api-tokens'],
        ['POST', `/api/api-tokens/${all.id}/revoke`],
        ['PATCH', `/api/people/${own.advocate.id}`],
        ['POST', `/api/packs/${own.pack.id}/transitions`],
        ['POST', `/api/packs/${own.pack.id}/duplicate`],
        ['GET', '/api/organisation/settings'],
      ];
      for (const [method, path] of refused) {
        const res = await api()
          [method.toLowerCase() as 'get' | 'post' | 'patch'](path)
          .set(bearer(all.token))
          .send({});
        expect([method, path, res.status, res.body.code]).toEqual([
          method,
          path,
          403,
          'auth.token_not_allowed',
        ]);
      }
      const listed = (await admin.get('/api/api-tokens').expect(200)).body as { items: CreatedToken[] };
      expect(listed.items.find((item) => item.id === all.id)!.status).toBe('active');
    });

    it('limits each token to RATE_LIMIT_API_TOKEN requests a window, apart from other tokens', async () => {
      const busy = await createToken(['people:read']);
      const calm = await createToken(['people:read']);
      for (let i = 0; i < RATE_LIMIT; i++) await api().get('/api/people').set(bearer(busy.token)).expect(200);
      const limited = await api().get('/api/people').set(bearer(busy.token)).expect(429);
      expect(limited.body.code).toBe('rate_limited');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      await api().get('/api/people').set(bearer(calm.token)).expect(200);
    });

    it('gives a SCIM token its own, larger limit (RATE_LIMIT_SCIM_TOKEN): an identity provider syncs everyone', async () => {
      const scim = (await admin.post('/api/scim-tokens').send({ name: 'Entra ID' }).expect(201))
        .body as CreatedToken;
      for (let i = 0; i < 2 * RATE_LIMIT; i++)
        await api().get('/scim/v2/ServiceProviderConfig').set(bearer(scim.token)).expect(200);
      const limited = await api().get('/scim/v2/ServiceProviderConfig').set(bearer(scim.token)).expect(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    });
  });

  describe('scopes, route by route', () => {
    const routes: [GrantableApiTokenScope, string, () => string][] = [
      ['insights:read', 'dashboard', () => '/api/insights/dashboard'],
      ['insights:read', 'dashboard CSV', () => '/api/insights/dashboard.csv?table=advocates'],
      ['insights:read', 'member board', () => '/api/leaderboards'],
      ['insights:read', 'team board', () => '/api/leaderboards/teams'],
      ['insights:read', 'member board CSV', () => '/api/leaderboards.csv'],
      ['insights:read', 'team board CSV', () => '/api/leaderboards/teams.csv'],
      ['packs:read', 'packs', () => '/api/packs'],
      ['packs:read', 'one pack', () => `/api/packs/${own.pack.id}`],
      ['packs:read', 'calendar', () => '/api/packs/calendar?from=2026-12-01&to=2026-12-31'],
      ['people:read', 'people', () => '/api/people'],
      ['people:read', 'one person', () => `/api/people/${own.advocate.id}`],
      ['audit:read', 'audit log', () => '/api/audit-events'],
    ];
    const tokens = new Map<GrantableApiTokenScope, { with: string; without: string }>();

    beforeAll(async () => {
      for (const scope of GRANTABLE_API_TOKEN_SCOPES) {
        const others = GRANTABLE_API_TOKEN_SCOPES.filter((s) => s !== scope);
        tokens.set(scope, {
          with: (await createToken([scope])).token,
          without: (await createToken(others)).token,
        });
      }
    });

    it.each(routes)('%s: %s answers the token with it and refuses one without it', async (scope, _, path) => {
      const pair = tokens.get(scope)!;
      await api().get(path()).set(bearer(pair.with)).expect(200);
      const res = await api().get(path()).set(bearer(pair.without)).expect(403);
      expect(res.body).toMatchObject({ code: 'auth.token_scope_missing', requiredScope: scope });
    });

    it('declares the scopes and the bearer scheme in the OpenAPI document', async () => {
      const document = (await api().get('/api/openapi.json').expect(200)).body as {
        components: { securitySchemes: Record<string, { type: string; scheme?: string }> };
        paths: Record<string, Record<string, { 'x-heimo-token-scope'?: string; security?: unknown[] }>>;
      };
      expect(document.components.securitySchemes.apiToken).toMatchObject({ type: 'http', scheme: 'bearer' });
      for (const [scope, , path] of routes) {
        const openApiPath = path()
          .split('?')[0]!
          .replace(own.pack.id, '{packId}')
          .replace(own.advocate.id, '{memberId}');
        const operation = document.paths[openApiPath]!.get!;
        expect([openApiPath, operation['x-heimo-token-scope']]).toEqual([openApiPath, scope]);
        expect(operation.security).toEqual([{ session: [] }, { apiToken: [] }]);
      }
      expect(document.paths['/api/me']!.get!['x-heimo-token-scope']).toBeUndefined();
    });
  });

  describe('packs:write drafts and edits packs, as no member', () => {
    const draftBody = () => ({
      title: 'Drafted by a tool',
      destinationUrl: 'https://example.com/tool',
      variants: [{ network: 'linkedin', locale: 'en', captionTemplate: 'Read this {{link}}' }],
    });

    it('drafts a pack with no creator or author, audited with the token, and edits it', async () => {
      const writer = await createToken(['packs:write']);
      const created = await api().post('/api/packs').set(bearer(writer.token)).send(draftBody());
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ title: 'Drafted by a tool', status: 'draft', version: 1 });
      expect(created.body.createdByName).toBeNull();
      // A token makes no moves: submitting and publishing stay with curators.
      expect(created.body.availableActions).toEqual([]);
      const [row] = (await server.dataSource.query(
        'SELECT organisation_id, created_by_id, author_ids FROM packs WHERE id = $1',
        [created.body.id],
      )) as { organisation_id: string; created_by_id: string | null; author_ids: string[] }[];
      expect(row).toEqual({ organisation_id: own.org.id, created_by_id: null, author_ids: [] });

      const edited = await api()
        .patch(`/api/packs/${created.body.id}`)
        .set(bearer(writer.token))
        .send({ version: 1, title: 'Edited by a tool' });
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({ title: 'Edited by a tool', version: 2 });
      const after = (await server.dataSource.query('SELECT author_ids FROM packs WHERE id = $1', [
        created.body.id,
      ])) as { author_ids: string[] }[];
      expect(after[0]!.author_ids).toEqual([]);

      const audit = (await server.dataSource.query(
        `SELECT action, actor_member_id, details->>'apiTokenId' AS token FROM audit_events
          WHERE target_type = 'pack' AND target_id = $1 ORDER BY created_at`,
        [created.body.id],
      )) as { action: string; actor_member_id: string | null; token: string | null }[];
      expect(audit).toEqual([
        { action: 'pack.created', actor_member_id: null, token: writer.id },
        { action: 'pack.updated', actor_member_id: null, token: writer.id },
      ]);
      // A curator reviews the tool's draft as anyone else's: no author stands in the way.
      const curator = await ctx.signIn(own.curator);
      const submitted = await curator
        .post(`/api/packs/${created.body.id}/transitions`)
        .send({ action: 'submit', version: 2 });
      expect(submitted.status).toBe(200);
    });

    it('refuses a token without packs:write on both routes with 403, writing nothing', async () => {
      const reader = await createToken(['packs:read', 'insights:read', 'people:read', 'audit:read']);
      const before = (await server.dataSource.query(
        'SELECT count(*)::int AS n FROM packs WHERE organisation_id = $1',
        [own.org.id],
      )) as { n: number }[];
      const created = await api().post('/api/packs').set(bearer(reader.token)).send(draftBody());
      expect([created.status, created.body.code, created.body.requiredScope]).toEqual([
        403,
        'auth.token_scope_missing',
        'packs:write',
      ]);
      const edited = await api()
        .patch(`/api/packs/${own.pack.id}`)
        .set(bearer(reader.token))
        .send({ version: 1, title: 'Never' });
      expect([edited.status, edited.body.code]).toEqual([403, 'auth.token_scope_missing']);
      expect(
        await server.dataSource.query('SELECT count(*)::int AS n FROM packs WHERE organisation_id = $1', [
          own.org.id,
        ]),
      ).toEqual(before);
    });

    it('answers bad input 400 naming the field, and another organisation’s pack 404', async () => {
      const writer = await createToken(['packs:write']);
      const bad = await api()
        .post('/api/packs')
        .set(bearer(writer.token))
        .send({ ...draftBody(), destinationUrl: 'javascript:alert(1)' });
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'destinationUrl' })]),
      );
      const foreign = await api()
        .patch(`/api/packs/${otherPackId}`)
        .set(bearer(writer.token))
        .send({ version: 1, title: 'Not theirs' });
      expect([foreign.status, foreign.body.code]).toEqual([404, 'pack.not_found']);
      const [their] = (await server.dataSource.query('SELECT title FROM packs WHERE id = $1', [
        otherPackId,
      ])) as { title: string }[];
      expect(their!.title).toBe('Their pack');
    });

    it('declares packs:write on both routes in the OpenAPI document', async () => {
      const document = (await api().get('/api/openapi.json').expect(200)).body as {
        paths: Record<string, Record<string, { 'x-heimo-token-scope'?: string }>>;
      };
      expect(document.paths['/api/packs']!.post!['x-heimo-token-scope']).toBe('packs:write');
      expect(document.paths['/api/packs/{packId}']!.patch!['x-heimo-token-scope']).toBe('packs:write');
    });
  });

  describe('one organisation’s token never reaches another’s data', () => {
    let token: string;

    beforeAll(async () => {
      token = (await createToken(GRANTABLE_API_TOKEN_SCOPES)).token;
    });

    it('answers 404 for the other organisation’s pack and person', async () => {
      expect((await api().get(`/api/packs/${otherPackId}`).set(bearer(token)).expect(404)).body.code).toBe(
        'pack.not_found',
      );
      await api().get(`/api/people/${other.advocate.id}`).set(bearer(token)).expect(404);
    });

    it('lists and exports only its own organisation', async () => {
      const people = (await api().get('/api/people').query({ limit: 100 }).set(bearer(token)).expect(200))
        .body as {
        items: { id: string }[];
      };
      const ids = people.items.map((item) => item.id);
      expect(ids).toContain(own.advocate.id);
      expect(ids).not.toContain(other.advocate.id);
      const packs = (await api().get('/api/packs').set(bearer(token)).expect(200)).body as {
        items: { id: string }[];
      };
      expect(packs.items.map((item) => item.id)).not.toContain(otherPackId);

      const csv = await asText(api().get('/api/leaderboards.csv').set(bearer(token))).expect(200);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      const text = csv.body as string;
      expect(text).toContain('Aku Advocate');
      const otherName = (
        (await server.dataSource.query('SELECT name FROM members WHERE id = $1', [other.advocate.id])) as {
          name: string;
        }[]
      )[0]!.name;
      // Both advocates are called the same in the fixture; the row count tells the boards apart.
      expect(otherName).toBe('Aku Advocate');
      expect(text.trim().split('\r\n')).toHaveLength(2);

      const dashboard = (await api().get('/api/insights/dashboard').set(bearer(token)).expect(200)).body as {
        kpis: Record<string, { value: number }>;
      };
      expect(JSON.stringify(dashboard)).not.toContain(other.advocate.id);

      const audit = (await api().get('/api/audit-events').set(bearer(token)).expect(200)).body as {
        items: { id: string }[];
      };
      const foreign = (await server.dataSource.query(
        'SELECT id FROM audit_events WHERE organisation_id = $1',
        [other.org.id],
      )) as { id: string }[];
      const foreignIds = new Set(foreign.map((row) => row.id));
      expect(audit.items.some((item) => foreignIds.has(item.id))).toBe(false);
    });
  });
});
