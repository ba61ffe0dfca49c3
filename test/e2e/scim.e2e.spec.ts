import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { useTestServer } from '../support/use-test-server';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const SCIM_JSON = 'application/scim+json';

type Org = Awaited<ReturnType<ReturnType<typeof useTestServer>['ctx']['newOrg']>>;

describe('SCIM 2.0 provisioning', () => {
  const { server, ctx } = useTestServer({ workers: false });
  let own: Org;
  let other: Org;
  let admin: request.Agent;
  let token: string;
  let otherToken: string;

  const scim = (method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string, bearer = token) =>
    request(server.baseUrl)
      [method](`/scim/v2${path}`)
      .set('Authorization', `Bearer ${bearer}`)
      .set('Content-Type', SCIM_JSON);

  const memberOf = async (email: string) =>
    (
      (await server.dataSource.query(
        'SELECT id, name, email, status, team_id, managed_by, locale FROM members WHERE organisation_id = $1 AND email = $2',
        [own.org.id, email],
      )) as {
        id: string;
        name: string;
        email: string;
        status: string;
        team_id: string | null;
        managed_by: string | null;
        locale: string;
      }[]
    )[0];

  const openSessions = async (memberId: string) =>
    (
      (await server.dataSource.query(
        'SELECT count(*)::int AS n FROM sessions WHERE member_id = $1 AND revoked_at IS NULL',
        [memberId],
      )) as { n: number }[]
    )[0]!.n;

  async function newScimToken(
    agent: request.Agent,
    name = 'Entra ID',
  ): Promise<{ id: string; token: string }> {
    const res = await agent.post('/api/scim-tokens').send({ name });
    if (res.status !== 201) throw new Error(`${res.status}: ${res.text}`);
    return res.body as { id: string; token: string };
  }

  beforeAll(async () => {
    own = await ctx.newOrg('Provisioned');
    other = await ctx.newOrg('Elsewhere');
    admin = await ctx.signIn(own.admin);
    token = (await newScimToken(admin)).token;
    otherToken = (await newScimToken(await ctx.signIn(other.admin), 'Okta')).token;
  });

  describe('discovery', () => {
    it('serves ServiceProviderConfig, ResourceTypes and Schemas in SCIM JSON', async () => {
      const config = await scim('get', '/ServiceProviderConfig');
      expect(config.status).toBe(200);
      expect(config.headers['content-type']).toMatch(/^application\/scim\+json/);
      expect(config.body).toMatchObject({
        patch: { supported: true },
        filter: { supported: true, maxResults: 100 },
      });
      const types = await scim('get', '/ResourceTypes');
      expect(types.body.Resources.map((r: { id: string }) => r.id)).toEqual(['User', 'Group']);
      const schemas = await scim('get', '/Schemas');
      expect(schemas.body.Resources.map((r: { id: string }) => r.id)).toEqual([USER, ENTERPRISE, GROUP]);
      const user = await scim('get', `/Schemas/${USER}`);
      expect(user.body.attributes.find((a: { name: string }) => a.name === 'userName')).toMatchObject({
        required: true,
        uniqueness: 'server',
      });
    });
  });

  describe('an Entra ID lifecycle', () => {
    const userName = `anna.${randomBytes(3).toString('hex')}@provisioned.example`;
    let id: string;
    let groupId: string;

    it('creates the user (a member marked managed) and finds them by filter', async () => {
      const probe = await scim('get', `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`);
      expect(probe.body).toMatchObject({ totalResults: 0, Resources: [] });
      const res = await scim('post', '/Users').send({
        schemas: [USER, ENTERPRISE],
        externalId: 'entra-0001',
        userName,
        active: true,
        displayName: 'Anna Virtanen',
        emails: [{ primary: true, type: 'work', value: userName }],
        name: { formatted: 'Anna Virtanen', familyName: 'Virtanen', givenName: 'Anna' },
        preferredLanguage: 'fi-FI',
        [ENTERPRISE]: { department: 'Sales', employeeNumber: '42' },
      });
      expect(res.status).toBe(201);
      expect(res.headers['content-type']).toMatch(/^application\/scim\+json/);
      id = res.body.id;
      expect(res.headers.location).toBe(res.body.meta.location);
      expect(res.body).toMatchObject({ userName, active: true, [ENTERPRISE]: { department: 'Sales' } });
      expect(await memberOf(userName)).toMatchObject({
        name: 'Anna Virtanen',
        status: 'active',
        managed_by: 'scim',
        locale: 'fi',
      });

      for (const filter of [
        `userName eq "${userName.toUpperCase()}"`,
        'externalId eq "entra-0001"',
        `emails.value eq "${userName}"`,
        // Entra ID matching on the work address.
        `emails[type eq "work"].value eq "${userName}"`,
      ]) {
        const found = await scim('get', `/Users?filter=${encodeURIComponent(filter)}`);
        expect(found.body).toMatchObject({ totalResults: 1, itemsPerPage: 1, startIndex: 1 });
        expect(found.body.Resources[0].id).toBe(id);
      }
      const home = await scim(
        'get',
        `/Users?filter=${encodeURIComponent(`emails[type eq "home"].value eq "${userName}"`)}`,
      );
      expect(home.body).toMatchObject({ totalResults: 0, Resources: [] });
    });

    it('answers a duplicate userName 409 uniqueness', async () => {
      const res = await scim('post', '/Users').send({ schemas: [USER], userName: userName.toUpperCase() });
      expect(res.status).toBe(409);
      expect(res.body).toEqual({
        schemas: [ERROR],
        status: '409',
        scimType: 'uniqueness',
        detail: expect.any(String),
      });
    });

    it('patches the name, the work e-mail and the manager the way Entra ID sends them', async () => {
      const res = await scim('patch', `/Users/${id}`).send({
        schemas: [PATCH],
        Operations: [
          { op: 'Replace', path: 'name.givenName', value: 'Anne' },
          { op: 'Replace', path: 'displayName', value: 'Anne Virtanen' },
          { op: 'Add', path: `${ENTERPRISE}:manager`, value: 'manager-id' },
          { op: 'Replace', path: 'phoneNumbers[type eq "work"].value', value: '+358 40 123' },
        ],
      });
      expect(res.status).toBe(200);
      expect(res.body.name.givenName).toBe('Anne');
      expect(res.body.phoneNumbers).toEqual([{ type: 'work', value: '+358 40 123' }]);
      expect(res.body[ENTERPRISE].manager).toEqual({ value: 'manager-id' });
      expect((await memberOf(userName))!.name).toBe('Anne Virtanen');
    });

    it('adds the user to a group linked to a team: the member joins that team', async () => {
      const group = await scim('post', '/Groups').send({
        schemas: [GROUP],
        displayName: 'Entra Sales',
        members: [],
      });
      expect(group.status).toBe(201);
      groupId = group.body.id;
      const link = await admin.put(`/api/scim-groups/${groupId}/team`).send({ teamId: own.team.id });
      expect(link.status).toBe(200);
      const add = await scim('patch', `/Groups/${groupId}`).send({
        schemas: [PATCH],
        Operations: [{ op: 'Add', path: 'members', value: [{ value: id }] }],
      });
      expect(add.status).toBe(200);
      expect(add.body.members).toEqual([expect.objectContaining({ value: id, display: 'Anne Virtanen' })]);
      expect((await memberOf(userName))!.team_id).toBe(own.team.id);
      const user = await scim('get', `/Users/${id}`);
      expect(user.body.groups).toEqual([expect.objectContaining({ value: groupId, display: 'Entra Sales' })]);
    });

    it('deactivates on "active": "False" and reactivates on "True"', async () => {
      const off = await scim('patch', `/Users/${id}`).send({
        schemas: [PATCH],
        Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
      });
      expect(off.status).toBe(200);
      expect(off.body.active).toBe(false);
      expect((await memberOf(userName))!.status).toBe('deactivated');
      const on = await scim('patch', `/Users/${id}`).send({
        schemas: [PATCH],
        Operations: [{ op: 'Replace', value: { active: 'True' } }],
      });
      expect(on.body.active).toBe(true);
      expect((await memberOf(userName))!.status).toBe('active');
    });

    it('deletes (deactivated, then 404), and a later create links the same member again', async () => {
      const member = (await memberOf(userName))!;
      const gone = await scim('delete', `/Users/${id}`);
      expect(gone.status).toBe(204);
      expect((await memberOf(userName))!.status).toBe('deactivated');
      expect((await memberOf(userName))!.team_id).toBeNull();
      const missing = await scim('get', `/Users/${id}`);
      expect(missing.status).toBe(404);
      expect(missing.body).toMatchObject({ schemas: [ERROR], status: '404' });
      expect((await scim('delete', `/Users/${id}`)).status).toBe(404);

      const again = await scim('post', '/Users').send({
        schemas: [USER],
        userName,
        active: true,
        displayName: 'Anna Virtanen',
      });
      expect(again.status).toBe(201);
      expect(again.body.id).not.toBe(id);
      expect((await memberOf(userName))!).toMatchObject({ id: member.id, status: 'active' });
    });
  });

  describe('an Okta lifecycle', () => {
    const userName = `okko.${randomBytes(3).toString('hex')}@provisioned.example`;
    let id: string;

    it('creates, finds, replaces with PUT, deactivates with PUT and deletes', async () => {
      const body = {
        schemas: [USER],
        userName,
        name: { givenName: 'Okko', familyName: 'Okta' },
        emails: [{ primary: true, value: userName, type: 'work' }],
        displayName: 'Okko Okta',
        locale: 'en-US',
        externalId: '00u1abcd',
        groups: [],
        password: 'never-kept-1A!',
        active: true,
      };
      const created = await scim('post', '/Users').set('Content-Type', 'application/json').send(body);
      expect(created.status).toBe(201);
      id = created.body.id;
      expect(created.body.password).toBeUndefined();
      const found = await scim(
        'get',
        `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}&startIndex=1&count=100`,
      );
      expect(found.body.Resources.map((r: { id: string }) => r.id)).toEqual([id]);

      const renamed = await scim('put', `/Users/${id}`).send({
        ...body,
        id,
        name: { givenName: 'Okko', familyName: 'Oksanen' },
        displayName: 'Okko Oksanen',
      });
      expect(renamed.status).toBe(200);
      expect((await memberOf(userName))!.name).toBe('Okko Oksanen');

      const off = await scim('put', `/Users/${id}`).send({ ...body, active: false });
      expect(off.body.active).toBe(false);
      expect((await memberOf(userName))!.status).toBe('deactivated');
      const on = await scim('put', `/Users/${id}`).send({ ...body, active: true });
      expect(on.body.active).toBe(true);

      expect((await scim('delete', `/Users/${id}`)).status).toBe(204);
      expect((await scim('get', `/Users/${id}`)).status).toBe(404);
      const back = await scim('post', '/Users').send(body);
      expect(back.status).toBe(201);
      expect((await memberOf(userName))!.status).toBe('active');
    });

    it('renames a group the way Okta does, the id in the value', async () => {
      const group = await scim('post', '/Groups').send({
        schemas: [GROUP],
        displayName: `Okta ${randomBytes(2).toString('hex')}`,
      });
      const renamed = await scim('patch', `/Groups/${group.body.id}`).send({
        schemas: [PATCH],
        Operations: [
          { op: 'replace', value: { id: group.body.id, displayName: `${group.body.displayName} renamed` } },
        ],
      });
      expect(renamed.status).toBe(200);
      expect(renamed.body.displayName).toBe(`${group.body.displayName} renamed`);
      const found = await scim(
        'get',
        `/Groups?filter=${encodeURIComponent(`displayName eq "${renamed.body.displayName}"`)}&excludedAttributes=members`,
      );
      expect(found.body.Resources).toEqual([expect.not.objectContaining({ members: expect.anything() })]);
      expect(found.body.Resources[0].id).toBe(group.body.id);
    });

    it('clamps count and pages with startIndex', async () => {
      const page = await scim('get', '/Users?startIndex=2&count=100000');
      expect(page.status).toBe(200);
      expect(page.body.startIndex).toBe(2);
      expect(page.body.itemsPerPage).toBeLessThanOrEqual(100);
      const none = await scim('get', '/Users?count=0');
      expect(none.body).toMatchObject({ itemsPerPage: 0, Resources: [] });
      expect(none.body.totalResults).toBeGreaterThanOrEqual(2);
    });
  });

  it('links an existing member by e-mail, and deactivating them ends their sessions at once', async () => {
    const advocate = await ctx.signIn(own.advocate);
    expect((await advocate.get('/api/me')).status).toBe(200);
    const linked = await scim('post', '/Users').send({
      schemas: [USER],
      userName: own.advocate.email,
      active: true,
      displayName: 'Aku Advocate',
    });
    expect(linked.status).toBe(201);
    expect(await memberOf(own.advocate.email)).toMatchObject({ id: own.advocate.id, managed_by: 'scim' });
    const off = await scim('patch', `/Users/${linked.body.id}`).send({
      schemas: [PATCH],
      Operations: [{ op: 'replace', path: 'active', value: false }],
    });
    expect(off.status).toBe(200);
    expect((await advocate.get('/api/me')).status).toBe(401);
    expect(await openSessions(own.advocate.id)).toBe(0);
  });

  it('a token of one organisation never sees another’s users', async () => {
    const mine = await scim('get', '/Users');
    const theirs = await scim('get', '/Users', otherToken);
    expect(mine.body.totalResults).toBeGreaterThan(0);
    expect(theirs.body.totalResults).toBe(0);
    const someone = mine.body.Resources[0].id as string;
    expect((await scim('get', `/Users/${someone}`, otherToken)).status).toBe(404);
    expect((await scim('delete', `/Users/${someone}`, otherToken)).status).toBe(404);
    expect((await scim('get', `/Users/${someone}`)).status).toBe(200);
    const group = (await scim('post', '/Groups').send({ schemas: [GROUP], displayName: `Ours ${someone}` }))
      .body.id as string;
    expect((await scim('get', `/Groups/${group}`, otherToken)).status).toBe(404);
    expect(
      (
        await scim('patch', `/Groups/${group}`, otherToken).send({
          schemas: [PATCH],
          Operations: [{ op: 'replace', path: 'displayName', value: 'Theirs' }],
        })
      ).status,
    ).toBe(404);
    expect((await scim('delete', `/Groups/${group}`, otherToken)).status).toBe(404);
    const theirGroups = (await scim('get', '/Groups', otherToken)).body.Resources as { id: string }[];
    expect(theirGroups.map((item) => item.id)).not.toContain(group);
    expect((await scim('get', `/Groups/${group}`)).body.displayName).toBe(`Ours ${someone}`);
  });

  describe('bad inputs answer SCIM errors and change nothing', () => {
    let userId: string;
    let state: () => Promise<unknown>;
    let before: unknown;
    let revoked: string;
    let expired: string;
    let unscoped: string;
    let foreignUserId: string;
    let groupId: string;

    beforeAll(async () => {
      const created = await scim('post', '/Users').send({
        schemas: [USER],
        userName: `steady.${randomBytes(3).toString('hex')}@provisioned.example`,
        displayName: 'Steady',
      });
      userId = created.body.id;
      const foreign = await scim('post', '/Users', otherToken).send({
        schemas: [USER],
        userName: `far.${randomBytes(3).toString('hex')}@elsewhere.example`,
      });
      foreignUserId = foreign.body.id;
      groupId = (
        await scim('post', '/Groups').send({
          schemas: [GROUP],
          displayName: `Steady ${randomBytes(3).toString('hex')}`,
          members: [{ value: userId }],
        })
      ).body.id;
      const r = await newScimToken(admin, 'Revoked');
      expect((await admin.post(`/api/scim-tokens/${r.id}/revoke`)).status).toBe(200);
      revoked = r.token;
      const e = await newScimToken(admin, 'Expired');
      await server.dataSource.query(
        `UPDATE api_tokens SET expires_at = now() - interval '1 minute' WHERE id = $1`,
        [e.id],
      );
      expired = e.token;
      const u = await admin.post('/api/api-tokens').send({
        name: 'Reports',
        scopes: ['people:read'],
        expiresAt: new Date(Date.now() + 864e5).toISOString(),
      });
      unscoped = u.body.token;
      const rows = (sql: string) => server.dataSource.query(sql, [own.org.id]);
      state = async () => ({
        members: await rows(
          'SELECT id, email, name, status, team_id, managed_by, version FROM members WHERE organisation_id = $1 ORDER BY id',
        ),
        users: await rows(
          'SELECT id, user_name, external_id, attributes, version, deleted_at FROM scim_users WHERE organisation_id = $1 ORDER BY id',
        ),
        groups: await rows(
          'SELECT id, display_name, team_id, version FROM scim_groups WHERE organisation_id = $1 ORDER BY id',
        ),
        groupMembers: await rows(
          'SELECT group_id, member_id FROM scim_group_members WHERE organisation_id = $1 ORDER BY 1, 2',
        ),
        audit: await rows(
          `SELECT count(*)::int AS n FROM audit_events WHERE organisation_id = $1 AND action <> 'api_token.used'`,
        ),
      });
      before = await state();
    });

    const patch = (...Operations: unknown[]) => ({ schemas: [PATCH], Operations });
    const cases: [string, () => request.Test, number, string | undefined][] = [
      [
        'a filter without a value',
        () => scim('get', `/Users?filter=${encodeURIComponent('userName eq')}`),
        400,
        'invalidFilter',
      ],
      [
        'a filter with an unsupported operator',
        () => scim('get', `/Users?filter=${encodeURIComponent('userName co "a"')}`),
        400,
        'invalidFilter',
      ],
      [
        'a filter on an attribute Heimo does not filter by',
        () => scim('get', `/Users?filter=${encodeURIComponent('title eq "x"')}`),
        400,
        'invalidFilter',
      ],
      [
        'a filter joined with or',
        () => scim('get', `/Users?filter=${encodeURIComponent('userName eq "a" or userName eq "b"')}`),
        400,
        'invalidFilter',
      ],
      [
        'a filter with an unclosed string',
        () => scim('get', `/Users?filter=${encodeURIComponent('userName eq "a')}`),
        400,
        'invalidFilter',
      ],
      ['a count that is not a number', () => scim('get', '/Users?count=ten'), 400, 'invalidValue'],
      ['a body that is not JSON', () => scim('post', '/Users').send('{"schemas": ['), 400, 'invalidSyntax'],
      ['a body that is an array', () => scim('post', '/Users').send([]), 400, 'invalidSyntax'],
      [
        'a schema URN Heimo does not serve',
        () =>
          scim('post', '/Users').send({
            schemas: ['urn:ietf:params:scim:schemas:core:2.0:Usr'],
            userName: 'x@provisioned.example',
          }),
        400,
        'invalidValue',
      ],
      [
        'an unknown attribute',
        () =>
          scim('post', '/Users').send({
            schemas: [USER],
            userName: 'x@provisioned.example',
            favouriteColour: 'blue',
          }),
        400,
        'invalidValue',
      ],
      [
        'an unknown sub-attribute',
        () =>
          scim('post', '/Users').send({
            schemas: [USER],
            userName: 'x@provisioned.example',
            name: { nickname: 'X' },
          }),
        400,
        'invalidValue',
      ],
      [
        'a missing userName',
        () => scim('post', '/Users').send({ schemas: [USER], displayName: 'Nobody' }),
        400,
        'invalidValue',
      ],
      [
        'active that is no boolean',
        () =>
          scim('post', '/Users').send({
            schemas: [USER],
            userName: 'x@provisioned.example',
            active: 'maybe',
          }),
        400,
        'invalidValue',
      ],
      [
        'no e-mail address at all',
        () => scim('post', '/Users').send({ schemas: [USER], userName: 'just-a-name' }),
        400,
        'invalidValue',
      ],
      [
        'a PatchOp with a User schema',
        () => scim('patch', `/Users/${userId}`).send({ schemas: [USER], Operations: [] }),
        400,
        'invalidValue',
      ],
      [
        'an op Heimo does not know',
        () => scim('patch', `/Users/${userId}`).send(patch({ op: 'move', path: 'displayName', value: 'X' })),
        400,
        'invalidSyntax',
      ],
      [
        'a path to an unknown attribute',
        () => scim('patch', `/Users/${userId}`).send(patch({ op: 'replace', path: 'shoeSize', value: '44' })),
        400,
        'invalidPath',
      ],
      [
        'a malformed value filter in a path',
        () =>
          scim('patch', `/Users/${userId}`).send(
            patch({ op: 'replace', path: 'emails[type eq "work".value', value: 'a@b.fi' }),
          ),
        400,
        'invalidPath',
      ],
      [
        'a remove without a path',
        () => scim('patch', `/Users/${userId}`).send(patch({ op: 'remove' })),
        400,
        'noTarget',
      ],
      [
        'a change to the read-only id',
        () => scim('patch', `/Users/${userId}`).send(patch({ op: 'replace', path: 'id', value: 'x' })),
        400,
        'mutability',
      ],
      [
        'a good op followed by a bad one',
        () =>
          scim('patch', `/Users/${userId}`).send(
            patch(
              { op: 'replace', path: 'displayName', value: 'Changed' },
              { op: 'replace', path: 'active', value: 'perhaps' },
            ),
          ),
        400,
        'invalidValue',
      ],
      [
        'a group with a member of another organisation',
        () =>
          scim('post', '/Groups').send({
            schemas: [GROUP],
            displayName: 'Mixed',
            members: [{ value: userId }, { value: foreignUserId }],
          }),
        400,
        'invalidValue',
      ],
      [
        'a PATCH adding another organisation’s user to a group',
        () =>
          scim('patch', `/Groups/${groupId}`).send(
            patch({ op: 'Add', path: 'members', value: [{ value: foreignUserId }] }),
          ),
        400,
        'invalidValue',
      ],
      [
        'a path-less PATCH adding another organisation’s user to a group',
        () =>
          scim('patch', `/Groups/${groupId}`).send(
            patch({ op: 'add', value: { members: [{ value: foreignUserId }] } }),
          ),
        400,
        'invalidValue',
      ],
      [
        'a PATCH turning a member into another organisation’s user',
        () =>
          scim('patch', `/Groups/${groupId}`).send(
            patch({ op: 'replace', path: `members[value eq "${userId}"].value`, value: foreignUserId }),
          ),
        400,
        'invalidValue',
      ],
      [
        'an Okta PUT of a group with another organisation’s user',
        () =>
          scim('put', `/Groups/${groupId}`).send({
            schemas: [GROUP],
            id: groupId,
            displayName: 'Taken over',
            members: [{ value: userId }, { value: foreignUserId }],
          }),
        400,
        'invalidValue',
      ],
      [
        'a filter value spelling NUL as an escape',
        () => scim('get', `/Users?filter=${encodeURIComponent('userName eq "a\\u0000b"')}`),
        400,
        'invalidFilter',
      ],
      [
        'a group filter value spelling NUL as an escape',
        () => scim('get', `/Groups?filter=${encodeURIComponent('externalId eq "\\u0000"')}`),
        400,
        'invalidFilter',
      ],
      [
        'a displayName with half a surrogate pair',
        () =>
          scim('post', '/Users').send(
            `{"schemas":["${USER}"],"userName":"half@provisioned.example","displayName":"A\\ud800"}`,
          ),
        400,
        'invalidValue',
      ],
      [
        'a PATCH with half a surrogate pair',
        () =>
          scim('patch', `/Users/${userId}`).send(
            `{"schemas":["${PATCH}"],"Operations":[{"op":"add","path":"nickName","value":"\\udc00"}]}`,
          ),
        400,
        'invalidValue',
      ],
      [
        'a group name with half a surrogate pair',
        () => scim('post', '/Groups').send(`{"schemas":["${GROUP}"],"displayName":"G\\ud800"}`),
        400,
        'invalidValue',
      ],
      [
        'a userName longer than an index row',
        () =>
          scim('post', '/Users').send({
            schemas: [USER],
            // Random three-byte characters: PostgreSQL cannot compress them below its index row limit.
            userName: Array.from(randomBytes(1000), (byte, i) =>
              String.fromCharCode(0x4e00 + byte * 64 + (i % 64)),
            ).join(''),
            emails: [{ value: 'long@provisioned.example' }],
          }),
        400,
        'invalidValue',
      ],
      [
        'another organisation’s user',
        () =>
          scim('patch', `/Users/${foreignUserId}`).send(
            patch({ op: 'replace', path: 'displayName', value: 'Mine now' }),
          ),
        404,
        undefined,
      ],
      [
        'a body as text/plain',
        () => scim('post', '/Users').set('Content-Type', 'text/plain').send('hello'),
        415,
        undefined,
      ],
      ['an endpoint Heimo does not serve', () => scim('post', '/Bulk').send({ schemas: [] }), 404, undefined],
      ['the base URL itself', () => scim('get', ''), 404, undefined],
      ['no token', () => request(server.baseUrl).get('/scim/v2/Users'), 401, undefined],
      [
        'a revoked token',
        () => scim('post', '/Users', revoked).send({ schemas: [USER], userName: 'r@provisioned.example' }),
        401,
        undefined,
      ],
      [
        'an expired token',
        () => scim('post', '/Users', expired).send({ schemas: [USER], userName: 'e@provisioned.example' }),
        401,
        undefined,
      ],
      ['a token that is not one', () => scim('get', '/Users', `heimo_${'x'.repeat(43)}`), 401, undefined],
      [
        'an API token without the scim scope',
        () => scim('post', '/Users', unscoped).send({ schemas: [USER], userName: 'u@provisioned.example' }),
        403,
        undefined,
      ],
      [
        'an admin’s session instead of a token',
        () => admin.post('/scim/v2/Users').send({ schemas: [USER], userName: 's@provisioned.example' }),
        401,
        undefined,
      ],
    ];

    it.each(cases.map(([label, ...rest]) => [`${label} answers ${rest[1]}`, ...rest] as const))(
      '%s',
      async (_label, send, status, scimType) => {
        const res = await send();
        expect(res.status).toBe(status);
        expect(res.headers['content-type']).toMatch(/^application\/scim\+json/);
        expect(res.body).toEqual({
          schemas: [ERROR],
          status: String(status),
          detail: expect.any(String),
          ...(scimType ? { scimType } : {}),
        });
      },
    );

    it('changed nothing while refusing all of the above', async () => {
      expect(await state()).toEqual(before);
    });
  });

  describe('SCIM tokens', () => {
    it('are shown once, kept hashed, listed apart from API tokens with their last use, and revocable', async () => {
      const created = await newScimToken(admin, 'Okta production');
      expect(created.token).toMatch(/^heimo_[A-Za-z0-9_-]{43}$/);
      const [stored] = (await server.dataSource.query(
        'SELECT token_hash, scopes, expires_at FROM api_tokens WHERE id = $1',
        [created.id],
      )) as { token_hash: string; scopes: string[]; expires_at: Date | null }[];
      expect(stored).toMatchObject({ scopes: ['scim'], expires_at: null });
      expect(stored!.token_hash).not.toContain(created.token.slice(6));
      expect((await scim('get', '/ServiceProviderConfig', created.token)).status).toBe(200);

      const listed = (await admin.get('/api/scim-tokens')).body.items as {
        id: string;
        lastUsedAt: string | null;
        status: string;
        token?: string;
      }[];
      const mine = listed.find((item) => item.id === created.id)!;
      expect(mine).toMatchObject({ status: 'active', lastUsedAt: expect.any(String) });
      expect(mine.token).toBeUndefined();
      const apiTokens = (await admin.get('/api/api-tokens')).body.items as { id: string }[];
      expect(apiTokens.map((item) => item.id)).not.toContain(created.id);
      // An API token is no SCIM token: the SCIM path neither revokes nor lists it.
      expect((await admin.post(`/api/scim-tokens/${apiTokens[0]!.id}/revoke`)).status).toBe(404);

      // A SCIM token provisions; it neither mints tokens, links groups nor reads People.
      for (const path of ['/api/scim-tokens', '/api/scim-groups', '/api/people']) {
        const res = await request(server.baseUrl).get(path).set('Authorization', `Bearer ${created.token}`);
        expect({ path, status: res.status }).toEqual({ path, status: 403 });
      }

      const revoked = await admin.post(`/api/scim-tokens/${created.id}/revoke`);
      expect(revoked.body).toMatchObject({ status: 'revoked' });
      expect((await scim('get', '/Users', created.token)).status).toBe(401);
    });

    it('refuse a bad name or expiry naming the field', async () => {
      for (const [body, field] of [
        [{ name: '' }, 'name'],
        [{ name: 'x'.repeat(81) }, 'name'],
        [{ name: 'Past', expiresAt: '2020-01-01T00:00:00Z' }, 'expiresAt'],
        [{ name: 'Not a time', expiresAt: 'tomorrow' }, 'expiresAt'],
      ] as const) {
        const res = await admin.post('/api/scim-tokens').send(body);
        expect(res.status).toBe(400);
        expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      }
    });

    it('a group is linked only to a team of the organisation', async () => {
      const group = await scim('post', '/Groups').send({
        schemas: [GROUP],
        displayName: `Linked ${randomBytes(2).toString('hex')}`,
      });
      const res = await admin.put(`/api/scim-groups/${group.body.id}/team`).send({ teamId: other.team.id });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'teamId' })]);
      const groups = (await admin.get('/api/scim-groups')).body.items as {
        id: string;
        teamId: string | null;
      }[];
      expect(groups.find((item) => item.id === group.body.id)).toMatchObject({ teamId: null });
    });
  });

  describe('groups to teams', () => {
    it('an admin may create a team from a group: named after it, linked, its members in it', async () => {
      const suffix = randomBytes(2).toString('hex');
      const userName = `creator.${suffix}@provisioned.example`;
      const user = (await scim('post', '/Users').send({ schemas: [USER], userName })).body.id as string;
      const group = await scim('post', '/Groups').send({
        schemas: [GROUP],
        displayName: `Marketing ${suffix}`,
        members: [{ value: user }],
      });
      const created = await admin.post(`/api/scim-groups/${group.body.id}/team`);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ teamName: `Marketing ${suffix}`, memberCount: 1 });
      expect((await memberOf(userName))!.team_id).toBe(created.body.teamId);
      // Once more: the name is taken now, nothing else is created.
      const again = await admin.post(`/api/scim-groups/${group.body.id}/team`);
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('team.name_taken');
      const odd = await scim('post', '/Groups').send({
        schemas: [GROUP],
        displayName: `<b>Odd ${suffix}</b>`,
      });
      const refused = await admin.post(`/api/scim-groups/${odd.body.id}/team`);
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'groupId' })]);
    });

    it('a member is in the team of the linked group they joined last; leaving moves them on, or to none', async () => {
      const teams = (await server.dataSource.query(
        `INSERT INTO teams (organisation_id, name) VALUES ($1, 'North'), ($1, 'South') RETURNING id`,
        [own.org.id],
      )) as { id: string }[];
      const [north, south] = teams.map((team) => team.id);
      const userName = `mover.${randomBytes(3).toString('hex')}@provisioned.example`;
      const user = (await scim('post', '/Users').send({ schemas: [USER], userName })).body.id as string;
      const groupFor = async (name: string, teamId: string | null) => {
        const id = (
          await scim('post', '/Groups').send({ schemas: [GROUP], displayName: `${name} ${userName}` })
        ).body.id as string;
        if (teamId) await admin.put(`/api/scim-groups/${id}/team`).send({ teamId });
        return id;
      };
      const [n, s, plain] = [
        await groupFor('North', north!),
        await groupFor('South', south!),
        await groupFor('Plain', null),
      ];
      const join = (group: string) =>
        scim('patch', `/Groups/${group}`).send({
          schemas: [PATCH],
          Operations: [{ op: 'add', path: 'members', value: [{ value: user }] }],
        });
      const leave = (group: string) =>
        scim('patch', `/Groups/${group}`).send({
          schemas: [PATCH],
          Operations: [{ op: 'remove', path: `members[value eq "${user}"]` }],
        });
      await join(n);
      expect((await memberOf(userName))!.team_id).toBe(north);
      await join(s);
      expect((await memberOf(userName))!.team_id).toBe(south);
      await join(plain);
      expect((await memberOf(userName))!.team_id).toBe(south);
      // Entra ID's removal: path members with the values to remove; the other members stay.
      const other = (await scim('post', '/Users').send({ schemas: [USER], userName: `stays.${userName}` }))
        .body.id as string;
      await scim('patch', `/Groups/${s}`).send({
        schemas: [PATCH],
        Operations: [{ op: 'Add', path: 'members', value: [{ value: other }] }],
      });
      const removed = await scim('patch', `/Groups/${s}`).send({
        schemas: [PATCH],
        Operations: [{ op: 'Remove', path: 'members', value: [{ value: user }] }],
      });
      expect(removed.body.members.map((member: { value: string }) => member.value)).toEqual([other]);
      expect((await memberOf(userName))!.team_id).toBe(north);
      await join(s);
      expect((await memberOf(userName))!.team_id).toBe(south);
      await leave(s);
      expect((await memberOf(userName))!.team_id).toBe(north);
      await admin.put(`/api/scim-groups/${n}/team`).send({ teamId: null });
      expect((await memberOf(userName))!.team_id).toBeNull();
    });
  });

  describe('managed members', () => {
    it('People shows a provisioned member as managed and refuses local changes of name, e-mail or status, or a re-invitation', async () => {
      const userName = `kept.${randomBytes(3).toString('hex')}@provisioned.example`;
      const user = await scim('post', '/Users').send({
        schemas: [USER],
        userName,
        displayName: 'Kept Elsewhere',
      });
      const member = (await memberOf(userName))!;
      const person = await admin.get(`/api/people/${member.id}`);
      expect(person.body).toMatchObject({ managedBy: 'scim', name: 'Kept Elsewhere' });
      const refused = await admin
        .patch(`/api/people/${member.id}`)
        .send({ version: person.body.version, status: 'deactivated' });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ code: 'member.managed', managedBy: 'scim' });
      expect(refused.body.detail).toMatch(/identity provider/);
      // Name and e-mail are no field People changes for anyone: a request to change them is refused.
      for (const change of [{ name: 'Renamed Locally' }, { email: 'elsewhere@provisioned.example' }]) {
        const res = await admin
          .patch(`/api/people/${member.id}`)
          .send({ version: person.body.version, ...change });
        expect(res.status).toBe(400);
        expect(res.body.errors).toEqual([
          expect.objectContaining({ field: Object.keys(change)[0], code: 'validation.unknown_field' }),
        ]);
      }
      const reinvited = await admin
        .post('/api/people/invitations')
        .send({ email: userName, name: 'Someone Else' });
      expect(reinvited.status).toBe(409);
      expect(reinvited.body.code).toBe('member.managed');
      // Roles and team stay Heimo's to change.
      const promoted = await admin
        .patch(`/api/people/${member.id}`)
        .send({ version: person.body.version, roles: ['curator'] });
      expect(promoted.status).toBe(200);
      expect(await memberOf(userName)).toMatchObject({ status: 'active', name: 'Kept Elsewhere' });
      expect((await scim('get', `/Users/${user.body.id}`)).body.active).toBe(true);
    });

    it('erasing a provisioned person drops the provider’s copy: the User answers 404', async () => {
      const userName = `erase.${randomBytes(3).toString('hex')}@provisioned.example`;
      const user = await scim('post', '/Users').send({
        schemas: [USER],
        userName,
        displayName: 'Eila Erased',
        phoneNumbers: [{ type: 'work', value: '+358 9 123' }],
      });
      const member = (await memberOf(userName))!;
      expect((await admin.post(`/api/people/${member.id}/erase`)).status).toBe(200);
      expect((await scim('get', `/Users/${user.body.id}`)).status).toBe(404);
      const left = (await server.dataSource.query(
        'SELECT count(*)::int AS n FROM scim_users WHERE member_id = $1',
        [member.id],
      )) as { n: number }[];
      expect(left[0]!.n).toBe(0);
      const again = await scim('post', '/Users').send({ schemas: [USER], userName });
      expect(again.status).toBe(201);
      expect((await memberOf(userName))!.id).not.toBe(member.id);
    });

    it('records provisioning and deprovisioning in the audit log', async () => {
      const rows = (await server.dataSource.query(
        `SELECT DISTINCT action FROM audit_events WHERE organisation_id = $1 AND action LIKE 'scim.%'`,
        [own.org.id],
      )) as { action: string }[];
      expect(rows.map((row) => row.action).sort()).toEqual(
        expect.arrayContaining([
          'scim.user_provisioned',
          'scim.user_deactivated',
          'scim.user_reactivated',
          'scim.user_deleted',
          'scim.user_updated',
          'scim.group_linked',
        ]),
      );
    });
  });

  describe('what Entra ID and Okta rely on', () => {
    // A token of its own: the one above has spent much of its per-token rate limit.
    beforeAll(async () => {
      token = (await newScimToken(admin, 'Entra ID, second')).token;
    });

    const fresh = (prefix: string) => `${prefix}.${randomBytes(3).toString('hex')}@provisioned.example`;
    const list = (path: string, filter: string, bearer = token) =>
      scim('get', `${path}${path.includes('?') ? '&' : '?'}filter=${encodeURIComponent(filter)}`, bearer);

    it('reads filters case-insensitively, clamps startIndex and count, and names each resource’s type and location', async () => {
      const userName = fresh('Case');
      const user = await scim('post', '/Users').send({ schemas: [USER], userName, externalId: 'case-1' });
      expect(user.body.meta).toEqual(
        expect.objectContaining({ resourceType: 'User', location: `${user.headers.location}` }),
      );
      expect(user.headers.location).toMatch(new RegExp(`/scim/v2/Users/${user.body.id}$`));
      for (const filter of [
        `USERNAME EQ "${userName.toLowerCase()}" AND ExternalID Eq "case-1"`,
        `urn:ietf:params:scim:schemas:core:2.0:User:userName eq "${userName}"`,
        `id eq "${user.body.id}"`,
      ]) {
        const found = await list('/Users', filter);
        expect({ filter, body: found.body }).toEqual({
          filter,
          body: {
            schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
            totalResults: 1,
            startIndex: 1,
            itemsPerPage: 1,
            Resources: [expect.objectContaining({ id: user.body.id })],
          },
        });
      }
      // An id that is no UUID finds nothing rather than failing.
      expect((await list('/Users', 'id eq "not-an-id"')).body).toMatchObject({ totalResults: 0 });
      expect((await list('/Groups', 'id eq "not-an-id"')).body).toMatchObject({ totalResults: 0 });

      for (const startIndex of ['0', '-4']) {
        const page = await scim('get', `/Users?startIndex=${startIndex}&count=1`);
        expect(page.body).toMatchObject({ startIndex: 1, itemsPerPage: 1 });
      }
      const group = await scim('post', '/Groups').send({
        schemas: [GROUP],
        displayName: `Case (EU) ${userName}`,
        members: [{ value: user.body.id }],
      });
      // A name with brackets is found as it is.
      expect((await list('/Groups', `displayName eq "case (eu) ${userName}"`)).body).toMatchObject({
        totalResults: 1,
        Resources: [{ id: group.body.id }],
      });
      expect(group.status).toBe(201);
      expect(group.headers.location).toBe(group.body.meta.location);
      expect(group.body.meta).toMatchObject({ resourceType: 'Group' });
      const none = await scim('get', '/Groups?count=0');
      expect(none.body).toMatchObject({ itemsPerPage: 0, Resources: [] });
      expect(none.body.totalResults).toBeGreaterThan(0);

      // Entra ID's membership question: is this user in this group?
      const member = await list(
        '/Groups?excludedAttributes=members',
        `id eq "${group.body.id}" and members eq "${user.body.id}"`,
      );
      expect(member.body).toMatchObject({ totalResults: 1, Resources: [{ id: group.body.id }] });
      const stranger = (await scim('post', '/Users').send({ schemas: [USER], userName: fresh('stranger') }))
        .body.id as string;
      const notMember = await list('/Groups', `id eq "${group.body.id}" and members.value eq "${stranger}"`);
      expect(notMember.body).toMatchObject({ totalResults: 0, Resources: [] });
    });

    it('keeps organisations apart: the same userName and externalId in two, ids of the other never found or linked', async () => {
      const userName = fresh('twin');
      const body = { schemas: [USER], userName, externalId: `twin-${userName}` };
      const mine = await scim('post', '/Users').send(body);
      const theirs = await scim('post', '/Users', otherToken).send(body);
      expect([mine.status, theirs.status]).toEqual([201, 201]);
      expect(theirs.body.id).not.toBe(mine.body.id);
      for (const filter of [`externalId eq "twin-${userName}"`, `userName eq "${userName}"`]) {
        expect((await list('/Users', filter)).body.Resources.map((r: { id: string }) => r.id)).toEqual([
          mine.body.id,
        ]);
        expect(
          (await list('/Users', filter, otherToken)).body.Resources.map((r: { id: string }) => r.id),
        ).toEqual([theirs.body.id]);
      }
      expect((await list('/Users', `id eq "${theirs.body.id}"`)).body.totalResults).toBe(0);
      expect((await scim('put', `/Users/${theirs.body.id}`).send(body)).status).toBe(404);

      const group = await scim('post', '/Groups').send({
        schemas: [GROUP],
        displayName: `Twins ${userName}`,
        members: [{ value: mine.body.id }],
      });
      expect((await list('/Groups', `members eq "${mine.body.id}"`, otherToken)).body.totalResults).toBe(0);
      // Entra ID's removal naming the other organisation's user removes nobody.
      const removed = await scim('patch', `/Groups/${group.body.id}`).send({
        schemas: [PATCH],
        Operations: [{ op: 'Remove', path: `members[value eq "${theirs.body.id}"]` }],
      });
      expect(removed.status).toBe(200);
      expect(removed.body.members.map((m: { value: string }) => m.value)).toEqual([mine.body.id]);
      expect((await scim('get', `/Users/${theirs.body.id}`, otherToken)).body).toMatchObject({
        userName,
        groups: [],
      });
    });

    it('every writable attribute /Schemas lists answers a value of the wrong type 400 invalidValue and writes nothing', async () => {
      const typed = (await newScimToken(admin, 'Types')).token;
      const count = async () =>
        (
          (await server.dataSource.query(
            `SELECT (SELECT count(*) FROM scim_users WHERE organisation_id = $1)::int AS users,
                    (SELECT count(*) FROM scim_groups WHERE organisation_id = $1)::int AS groups`,
            [own.org.id],
          )) as { users: number; groups: number }[]
        )[0];
      const before = await count();
      const schemas = (await scim('get', '/Schemas', typed)).body.Resources as {
        id: string;
        attributes: { name: string; mutability: string }[];
      }[];
      const bodies: [string, string, Record<string, unknown>][] = [];
      for (const schema of schemas)
        for (const attribute of schema.attributes.filter((a) =>
          ['readWrite', 'immutable'].includes(a.mutability),
        )) {
          // An array of arrays is the wrong type for every attribute: strings, booleans, complex and multi-valued.
          const wrong = [[1]];
          if (schema.id === GROUP)
            bodies.push([
              `Group ${attribute.name}`,
              '/Groups',
              { schemas: [GROUP], displayName: 'Typed', [attribute.name]: wrong },
            ]);
          else if (schema.id === ENTERPRISE)
            bodies.push([
              `enterprise ${attribute.name}`,
              '/Users',
              {
                schemas: [USER, ENTERPRISE],
                userName: 'typed@provisioned.example',
                [ENTERPRISE]: { [attribute.name]: wrong },
              },
            ]);
          else
            bodies.push([
              `User ${attribute.name}`,
              '/Users',
              { schemas: [USER], userName: 'typed@provisioned.example', [attribute.name]: wrong },
            ]);
        }
      expect(bodies.length).toBeGreaterThan(25);
      for (const [label, path, body] of bodies) {
        const res = await scim('post', path, typed).send(body);
        expect({
          label,
          status: res.status,
          scimType: res.body.scimType,
          type: res.headers['content-type'],
        }).toEqual({
          label,
          status: 400,
          scimType: 'invalidValue',
          type: expect.stringMatching(/^application\/scim\+json/),
        });
      }
      expect(await count()).toEqual(before);
    });

    it('Entra ID’s path-less {"active": "False"} and a DELETE each end the member’s sessions at once', async () => {
      const advocate = await ctx.signIn(own.curator);
      expect((await advocate.get('/api/me')).status).toBe(200);
      const linked = await scim('post', '/Users').send({
        schemas: [USER],
        userName: own.curator.email,
        active: true,
      });
      expect(linked.status).toBe(201);
      const off = await scim('patch', `/Users/${linked.body.id}`).send({
        schemas: [PATCH],
        Operations: [{ op: 'Replace', value: { active: 'False' } }],
      });
      expect(off.body.active).toBe(false);
      expect((await advocate.get('/api/me')).status).toBe(401);

      const on = await scim('patch', `/Users/${linked.body.id}`).send({
        schemas: [PATCH],
        Operations: [{ op: 'Replace', value: { active: 'True' } }],
      });
      expect(on.body.active).toBe(true);
      const again = await ctx.signIn(own.curator);
      expect((await again.get('/api/me')).status).toBe(200);
      expect((await scim('delete', `/Users/${linked.body.id}`)).status).toBe(204);
      expect((await again.get('/api/me')).status).toBe(401);
      expect(await openSessions(own.curator.id)).toBe(0);
    });
  });
});
