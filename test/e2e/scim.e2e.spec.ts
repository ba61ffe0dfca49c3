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
      ]) {
        const found = await scim('get', `/Users?filter=${encodeURIComponent(filter)}`);
        expect(found.body).toMatchObject({ totalResults: 1, itemsPerPage: 1, startIndex: 1 });
        expect(found.body.Resources[0].id).toBe(id);
      }
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
  });
});
