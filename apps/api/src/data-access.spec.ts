import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { type DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { Organisation } from './modules/organisations/entities/organisation.entity';
import { Team } from './modules/organisations/entities/team.entity';
import { AppError } from './infra/http/app-error';
import { createDataSource } from './data-source';
import {
  encodeCursor,
  keysetPageFromEntities,
  keysetPageFromRaw,
  keysetPageFromSql,
  type KeysetKey,
  type KeysetOrder,
  type Page,
  type PageRequest,
} from './infra/database/keyset';
import { preparedQuery } from './infra/database/prepared';
import { findScopedOr404, lockScopedOr404 } from './infra/database/scoped-lookup';
import { databaseErrorForLog } from './infra/logging/redact';

// Medium tests: the helpers against the real PostgreSQL database of this test run.
class TeamNotFound extends Error {}
const teamNotFound = () => new TeamNotFound();

let dataSource: DataSource;
let organisationId: string;
let otherOrganisationId: string;
/** The organisation's teams, as PostgreSQL orders them by (created_at, id). */
let byCreation: Team[];
let byName: Team[];

beforeAll(async () => {
  // The lock tests fail statements on purpose: the database logger's warnings are not for the run's output.
  Logger.overrideLogger(false);
  const url = process.env.HEIMO_TEST_DATABASE_URL;
  if (!url) throw new Error('HEIMO_TEST_DATABASE_URL is not set: run through the root jest config');
  dataSource = createDataSource({ url });
  await dataSource.initialize();
  const organisations = dataSource.getRepository(Organisation);
  [organisationId, otherOrganisationId] = await Promise.all(
    ['Keyset', 'Other'].map(async (name) => {
      const slug = `${name.toLowerCase()}-${randomUUID()}`;
      return (await organisations.save(organisations.create({ name, slug }))).id;
    }),
  );
  // Microsecond instants, ties included: a cursor rounded to the millisecond would skip or repeat rows.
  const instants = [
    '2026-01-01T00:00:00.000001Z',
    '2026-01-01T00:00:00.000002Z',
    '2026-01-01T00:00:00.000002Z',
    '2026-01-01T00:00:00.000002Z',
    '2026-01-01T00:00:00.000900Z',
    '2026-03-01T12:00:00.5Z',
    '2026-03-01T12:00:00.5Z',
  ];
  for (const [index, at] of instants.entries()) {
    await dataSource.query(`INSERT INTO teams (organisation_id, name, created_at) VALUES ($1, $2, $3)`, [
      organisationId,
      `Team ${String.fromCharCode(71 - index)}${index % 2 ? ' b' : ''}`,
      at,
    ]);
  }
  await dataSource.query(`INSERT INTO teams (organisation_id, name) VALUES ($1, 'Elsewhere')`, [
    otherOrganisationId,
  ]);
  const teams = dataSource.getRepository(Team);
  byCreation = await teams.find({ where: { organisationId }, order: { createdAt: 'ASC', id: 'ASC' } });
  byName = await dataSource.query(`SELECT id FROM teams WHERE organisation_id = $1 ORDER BY name, id`, [
    organisationId,
  ]);
});

afterAll(async () => {
  if (!dataSource?.isInitialized) return;
  await dataSource.query(`DELETE FROM organisations WHERE id = ANY($1::uuid[])`, [
    [organisationId, otherOrganisationId],
  ]);
  await dataSource.destroy();
});

const NEWEST_FIRST: KeysetOrder = { column: 't.created_at', kind: 'instant', id: 't.id', direction: 'DESC' };
const OLDEST_FIRST: KeysetOrder = { ...NEWEST_FIRST, direction: 'ASC' };
const BY_NAME: KeysetOrder = { column: 't.name', kind: 'text', id: 't.id', direction: 'ASC' };

/** Follows `nextCursor` to the end; fails on a page longer than asked or a loop. */
async function walk(limit: number, page: (request: PageRequest) => Promise<Page<string>>): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 20; pages++) {
    const next = await page({ limit, cursor });
    expect(next.items.length).toBeLessThanOrEqual(limit);
    seen.push(...next.items);
    if (next.nextCursor === null) return seen;
    cursor = next.nextCursor;
  }
  throw new Error('the cursor never ended');
}

const fromSql = (order: KeysetOrder) => (request: PageRequest) => {
  const params: unknown[] = [organisationId];
  return keysetPageFromSql(
    order,
    request,
    (_name, value) => `$${params.push(value)}`,
    ({ select, after, orderBy, limit }) =>
      dataSource.query<(KeysetKey & { id: string })[]>(
        `SELECT t.id, ${select} FROM teams t WHERE t.organisation_id = $1 AND ${after} ORDER BY ${orderBy} LIMIT ${limit}`,
        params,
      ),
    (row) => row.id,
  );
};

const fromRaw = (order: KeysetOrder) => (request: PageRequest) =>
  keysetPageFromRaw(
    dataSource
      .getRepository(Team)
      .createQueryBuilder('t')
      .select('t.id AS id')
      .where('t.organisation_id = :organisationId', { organisationId }),
    order,
    request,
    (row: { id: string }) => row.id,
  );

const fromEntities = (order: KeysetOrder) => (request: PageRequest) =>
  keysetPageFromEntities(
    dataSource
      .getRepository(Team)
      .createQueryBuilder('t')
      .where('t.organisation_id = :organisationId', { organisationId }),
    order,
    request,
    // Whole entities: the cursor key read along must not take a column away from them.
    (team) => (team.name && team.createdAt instanceof Date ? team.id : `incomplete ${team.id}`),
  );

describe('keyset pages', () => {
  const sources = { sql: fromSql, 'query builder rows': fromRaw, 'query builder entities': fromEntities };

  describe.each(Object.entries(sources))('from %s', (_source, from) => {
    it.each([1, 2, 3, 7, 100])(
      'walks every row once, in order both ways and by name, %i a page',
      async (limit) => {
        const ids = byCreation.map((team) => team.id);
        expect(await walk(limit, from(OLDEST_FIRST))).toEqual(ids);
        expect(await walk(limit, from(NEWEST_FIRST))).toEqual([...ids].reverse());
        expect(await walk(limit, from(BY_NAME))).toEqual(byName.map((team) => team.id));
      },
    );

    it('gives no next cursor when the page holds the last row', async () => {
      const page = await from(OLDEST_FIRST)({ limit: byCreation.length });
      expect(page.items).toHaveLength(byCreation.length);
      expect(page.nextCursor).toBeNull();
    });

    it.each([
      ['not base64 JSON', '%%%'],
      ['a key of the wrong length', encodeCursor([randomUUID()])],
      ['a key not ending with a uuid', encodeCursor(['2026-01-01T00:00:00.000001Z', 'x'])],
      ['an instant that does not exist', encodeCursor(['2026-02-30T00:00:00.000000Z', randomUUID()])],
      ['an instant in another format', encodeCursor(['2026-01-01T00:00:00Z', randomUUID()])],
    ])('answers a 400 naming `cursor` for %s', async (_case, cursor) => {
      const refusal = await from(OLDEST_FIRST)({ cursor }).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(AppError);
      expect((refusal as AppError).status).toBe(400);
      expect((refusal as AppError).errors).toEqual([
        { field: 'cursor', code: 'validation.cursor', message: 'cursor is not one this API gave out' },
      ]);
    });
  });

  it('takes any text as the key of a text-ordered list', async () => {
    const page = await fromSql(BY_NAME)({ cursor: encodeCursor(['Team D', randomUUID()]) });
    expect(page.items.length).toBeGreaterThan(0);
  });
});

describe('organisation-scoped lookups', () => {
  it("finds the organisation's row, with the columns asked for", async () => {
    const team = byCreation[0] as Team;
    const found = await findScopedOr404(dataSource.manager, Team, organisationId, team.id, teamNotFound);
    expect(found.name).toBe(team.name);
    const slim = await findScopedOr404(dataSource.manager, Team, organisationId, team.id, teamNotFound, {
      select: { id: true },
    });
    expect(slim).toEqual({ id: team.id });
  });

  it("throws the module's error for another organisation's row, an unknown id or a failed extra condition", async () => {
    const team = byCreation[0] as Team;
    const manager = dataSource.manager;
    await expect(findScopedOr404(manager, Team, otherOrganisationId, team.id, teamNotFound)).rejects.toThrow(
      TeamNotFound,
    );
    await expect(findScopedOr404(manager, Team, organisationId, randomUUID(), teamNotFound)).rejects.toThrow(
      TeamNotFound,
    );
    await expect(
      findScopedOr404(manager, Team, organisationId, team.id, teamNotFound, { where: { name: 'nobody' } }),
    ).rejects.toThrow(TeamNotFound);
    await expect(
      dataSource.transaction((tx) => lockScopedOr404(tx, Team, otherOrganisationId, team.id, teamNotFound)),
    ).rejects.toThrow(TeamNotFound);
  });

  async function lockedElsewhere(mode: 'pessimistic_write' | 'pessimistic_read', probe: string) {
    const team = byCreation[1] as Team;
    return dataSource.transaction(async (tx: EntityManager) => {
      const locked = await lockScopedOr404(tx, Team, organisationId, team.id, teamNotFound, { mode });
      expect(locked.id).toBe(team.id);
      const refusal = await dataSource
        .query(`SELECT id FROM teams WHERE id = $1 ${probe} NOWAIT`, [team.id])
        .then(() => null)
        .catch((error: { code?: string }) => error.code);
      return refusal;
    });
  }

  it('holds the row against other writers until the transaction ends', async () => {
    expect(await lockedElsewhere('pessimistic_write', 'FOR SHARE')).toBe('55P03');
  });

  it('with the shared mode, lets other readers share the row but not lock it for update', async () => {
    expect(await lockedElsewhere('pessimistic_read', 'FOR SHARE')).toBeNull();
    expect(await lockedElsewhere('pessimistic_read', 'FOR UPDATE')).toBe('55P03');
  });
});

describe('preparedQuery', () => {
  const teamNamed = `SELECT name FROM teams WHERE organisation_id = $1 AND name = $2`;

  it('runs the same text as one named statement on every pooled connection, with its own values each time', async () => {
    const names = byCreation.map((team) => team.name);
    // Ten at once: the pool opens several connections, each preparing the statement on its first use.
    const rows = await Promise.all(
      [...names, ...names, ...names].map((name) =>
        preparedQuery<{ name: string }[]>(dataSource, teamNamed, [organisationId, name]),
      ),
    );
    expect(rows.map(([row]) => row?.name)).toEqual([...names, ...names, ...names]);
    expect(await preparedQuery(dataSource, teamNamed, [otherOrganisationId, names[0]])).toEqual([]);
  });

  it('leaves the statement prepared on the connection, parsed once however often it runs', async () => {
    const runner = dataSource.createQueryRunner();
    try {
      for (const team of byCreation)
        expect(await preparedQuery(runner, teamNamed, [organisationId, team.name])).toEqual([
          { name: team.name },
        ]);
      const prepared = (await runner.query(`SELECT name FROM pg_prepared_statements WHERE statement = $1`, [
        teamNamed,
      ])) as { name: string }[];
      expect(prepared).toEqual([{ name: expect.stringMatching(/^heimo_/) }]);
    } finally {
      await runner.release();
    }
  });

  it('runs in the transaction of the manager it is given', async () => {
    const team = byCreation[0] as Team;
    await dataSource
      .transaction(async (tx) => {
        await tx.query(`UPDATE teams SET name = 'renamed in tx' WHERE id = $1`, [team.id]);
        const [row] = await preparedQuery<{ name: string }[]>(tx, teamNamed, [
          organisationId,
          'renamed in tx',
        ]);
        expect(row?.name).toBe('renamed in tx');
        throw new Error('roll back');
      })
      .catch((error: Error) => expect(error.message).toBe('roll back'));
    expect(await preparedQuery(dataSource, teamNamed, [organisationId, 'renamed in tx'])).toEqual([]);
  });

  it('fails as any statement does, its error naming the statement but never the values', async () => {
    const error = await preparedQuery(dataSource, `SELECT $1::text AS secret, 1 / 0 AS never`, [
      'a-secret-value',
    ]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueryFailedError);
    const logged = JSON.stringify(databaseErrorForLog(error));
    expect(logged).toContain('SELECT $1::text AS secret, 1 / 0 AS never');
    expect(logged).toContain('22012');
    expect(logged).not.toContain('secret-value');
    expect(JSON.stringify((error as QueryFailedError).query)).not.toContain('secret-value');
  });
});
