import type request from 'supertest';
import { Member } from '../../apps/api/src/modules/members/entities/member.entity';
import { useTestServer } from '../support/use-test-server';

/**
 * An organisation always keeps an active admin. Through the API alone the last admin can only be
 * reached by two admins acting on each other at once (an admin cannot demote, deactivate or erase
 * themselves), so each case holds the organisation's row while both requests arrive, then lets go.
 */
describe('the last admin', () => {
  const { server, ctx } = useTestServer({ workers: false });

  type Act = (agent: request.Agent, target: Member) => Promise<request.Response>;

  async function version(agent: request.Agent, member: Member): Promise<number> {
    return (await agent.get(`/api/people/${member.id}`)).body.version as number;
  }

  const demote: Act = async (agent, target) =>
    agent
      .patch(`/api/people/${target.id}`)
      .send({ version: await version(agent, target), roles: ['advocate'] });
  const deactivate: Act = async (agent, target) =>
    agent
      .patch(`/api/people/${target.id}`)
      .send({ version: await version(agent, target), status: 'deactivated' });
  const erase: Act = (agent, target) => agent.post(`/api/people/${target.id}/erase`).then((r) => r);

  /** Both requests start while the organisation's row is held; they run once it is let go. */
  async function race(
    organisationId: string,
    first: () => Promise<request.Response>,
    second: () => Promise<request.Response>,
  ) {
    const blocker = server.dataSource.createQueryRunner();
    await blocker.connect();
    await blocker.startTransaction();
    try {
      await blocker.query('SELECT id FROM organisations WHERE id = $1 FOR UPDATE', [organisationId]);
      const answers = Promise.all([first(), second()]);
      // Wait (up to a few seconds) until both are queued behind the held row.
      for (let i = 0; i < 100; i += 1) {
        // Another connection: inside a transaction the statistics views keep their first snapshot.
        const [{ waiting }] = await server.dataSource.query(
          `SELECT count(*)::int AS waiting FROM pg_stat_activity
            WHERE wait_event_type = 'Lock' AND query ILIKE '%FROM organisations%FOR NO KEY UPDATE%'`,
        );
        if (waiting >= 2) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await blocker.commitTransaction();
      return await answers;
    } finally {
      if (blocker.isTransactionActive) await blocker.rollbackTransaction();
      await blocker.release();
    }
  }

  it.each([
    ['demote', demote],
    ['deactivate', deactivate],
    ['erase', erase],
  ] as const)('two admins who %s each other at once leave one admin', async (_name, act) => {
    const org = await ctx.newOrg(`Last Admin ${_name}`);
    const other = await ctx.newMember(org.org.id, { roles: ['admin', 'advocate'], name: 'Olli Other' });
    const ada = await ctx.signIn(org.admin);
    const olli = await ctx.signIn(other);
    // Versions are read before the row is held.
    const adaVersion = await version(ada, other);
    const olliVersion = await version(olli, org.admin);
    const send = (agent: request.Agent, target: Member, v: number) => async () => {
      if (act === erase) return act(agent, target);
      const body =
        act === demote ? { version: v, roles: ['advocate'] } : { version: v, status: 'deactivated' };
      return agent
        .patch(`/api/people/${target.id}`)
        .send(body)
        .then((r) => r);
    };

    const answers = await race(org.org.id, send(ada, other, adaVersion), send(olli, org.admin, olliVersion));

    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([200, 409]);
    const refused = answers.find((answer) => answer.status === 409)!;
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body).toMatchObject({ status: 409, code: 'member.last_admin' });
    expect(refused.body.detail).toMatch(/last active admin/);
    const admins = await server.dataSource.query(
      `SELECT count(*)::int AS n FROM members
        WHERE organisation_id = $1 AND status = 'active' AND 'admin' = ANY(roles)`,
      [org.org.id],
    );
    expect(admins[0].n).toBe(1);
  });

  it('still lets one of two admins demote, deactivate or erase the other', async () => {
    const org = await ctx.newOrg('Two Admins');
    const ada = await ctx.signIn(org.admin);
    const a = await ctx.newMember(org.org.id, { roles: ['admin'], name: 'A Admin' });
    const b = await ctx.newMember(org.org.id, { roles: ['admin'], name: 'B Admin' });
    const c = await ctx.newMember(org.org.id, { roles: ['admin'], name: 'C Admin' });
    expect((await demote(ada, a)).status).toBe(200);
    expect((await deactivate(ada, b)).status).toBe(200);
    expect((await erase(ada, c)).status).toBe(200);
  });
});
