import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Verified reach and engagement in the rollups (issue #30), so boards, My impact and the dashboard
 * read them as they read reach:
 *
 * - `daily_stats.verified_reach`: `share_verifications.followers_at_share` of the credited, verified
 *   shares, on the share's own local day and network — added in the transaction that verifies it;
 * - `daily_stats.engagement`: likes + reposts + replies + quotes of those shares' posts at their latest
 *   collection (a deleted post keeps its last figures) — each collection adds the difference from the
 *   previous one, in its transaction, so the row equals the latest snapshots' sum.
 *
 * `period_stats` and `team_day_stats` get both columns, kept by the same statement triggers, whose
 * functions (and the rebuilds and the members trigger of the dashboard rollups) are redefined here
 * with the two columns. `up` fills the columns from the verifications and snapshots already stored.
 */
export class VerifiedMetrics1797000000140 implements MigrationInterface {
  name = 'VerifiedMetrics1797000000140';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['daily_stats', 'period_stats', 'team_day_stats'])
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD "verified_reach" bigint NOT NULL DEFAULT '0', ADD "engagement" bigint NOT NULL DEFAULT '0'`,
      );
    await defineFunctions(queryRunner, NEW_DAY_COLUMNS);
    // The boards by the new metrics sort the period's rows as reach does (no index of their own).
    await queryRunner.query(`
      WITH latest AS (
        SELECT DISTINCT ON (share_id) share_id, (likes + reposts + replies + quotes)::bigint AS total
          FROM share_engagement_snapshots ORDER BY share_id, collected_at DESC, id
      ),
      figures AS (
        SELECT s.organisation_id, s.member_id, (s.created_at AT TIME ZONE o.timezone)::date AS day, s.network,
               sum(v.followers_at_share)::bigint AS verified_reach, sum(coalesce(l.total, 0))::bigint AS engagement
          FROM share_verifications v
          JOIN shares s ON s.id = v.share_id
          JOIN organisations o ON o.id = s.organisation_id
          LEFT JOIN latest l ON l.share_id = v.share_id
         WHERE v.status = 'verified' AND s.credited AND NOT v.revoked
         GROUP BY 1, 2, 3, 4
      )
      INSERT INTO daily_stats AS d (organisation_id, member_id, day, network, verified_reach, engagement)
      SELECT * FROM figures ORDER BY 1, 2, 3, 4
      ON CONFLICT (organisation_id, member_id, day, network) DO UPDATE
         SET verified_reach = excluded.verified_reach, engagement = excluded.engagement`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await defineFunctions(queryRunner, OLD_DAY_COLUMNS);
    for (const table of ['team_day_stats', 'period_stats', 'daily_stats'])
      await queryRunner.query(
        `ALTER TABLE "${table}" DROP COLUMN "engagement", DROP COLUMN "verified_reach"`,
      );
  }
}

/** `team_day_stats.team_id` of members in no team (migration 1796900000002). */
const NO_TEAM = '00000000-0000-0000-0000-000000000000';

const KEY_COLUMNS = ['organisation_id', 'member_id', 'day', 'network'];
const OLD_DAY_COLUMNS = [
  'shares',
  'clicks',
  'unique_clicks',
  'previews',
  'excluded_clicks',
  'reach',
  'points',
];
const NEW_DAY_COLUMNS = [...OLD_DAY_COLUMNS, 'verified_reach', 'engagement'];

/** The daily rollups' trigger functions and rebuilds over `figures` (the summed columns). */
async function defineFunctions(queryRunner: QueryRunner, figures: readonly string[]): Promise<void> {
  const columns = [...KEY_COLUMNS, ...figures].join(', ');
  const negated = [...KEY_COLUMNS, ...figures.map((f) => `-${f}`)].join(', ');
  const sums = figures.map((f) => `sum(d.${f})`).join(', ');
  const nonZero = figures.map((f) => `sum(d.${f}) <> 0`).join(' OR ');
  const addUp = (alias: string) => figures.map((f) => `${f} = ${alias}.${f} + excluded.${f}`).join(', ');

  const addToPeriods = (
    source: string,
  ) => `INSERT INTO period_stats AS p (organisation_id, period_kind, period_start, network, member_id,
         ${figures.join(', ')}, ranked, kind, team_id)
  SELECT r.*, (m.status = 'active' AND 'advocate' = ANY(m.roles)), m.kind, m.team_id
    FROM (
      SELECT d.organisation_id, pk.kind, pk.start, n.network, d.member_id, ${sums}
        FROM (${source}) AS d (${columns})
       CROSS JOIN LATERAL (VALUES ('week', date_trunc('week', d.day)::date), ('month', date_trunc('month', d.day)::date),
                                  ('quarter', date_trunc('quarter', d.day)::date), ('year', date_trunc('year', d.day)::date),
                                  ('all', DATE '0001-01-01')) AS pk(kind, start)
       CROSS JOIN LATERAL (VALUES (d.network), ('*')) AS n(network)
       GROUP BY 1, 2, 3, 4, 5
      HAVING ${nonZero}
    ) AS r (organisation_id, period_kind, period_start, network, member_id, ${figures.join(', ')})
    JOIN members m ON m.id = r.member_id
   ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (organisation_id, period_kind, period_start, network, member_id) DO UPDATE SET ${addUp('p')}`;

  const addToTeamDays = (source: string, member?: 'OLD' | 'NEW') => {
    const from = member
      ? `(${source}) AS d (${columns})`
      : `(${source}) AS d (${columns}) JOIN members m ON m.id = d.member_id AND m.status = 'active' AND 'advocate' = ANY(m.roles)`;
    const team = member
      ? `coalesce(${member}.team_id, '${NO_TEAM}'::uuid)`
      : `coalesce(m.team_id, '${NO_TEAM}'::uuid)`;
    const kind = member ? `${member}.kind` : 'm.kind';
    return `INSERT INTO team_day_stats AS t (organisation_id, day, network, team_id, kind, ${figures.join(', ')})
  SELECT d.organisation_id, d.day, d.network, ${team}, ${kind}, ${sums}
    FROM ${from}
   GROUP BY 1, 2, 3, 4, 5
  HAVING ${nonZero}
   ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (organisation_id, day, network, team_id, kind) DO UPDATE SET ${addUp('t')}`;
  };

  const apply = (name: string, add: (source: string) => string) => `
    CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        ${add(`SELECT ${columns} FROM new_rows`)};
      ELSIF TG_OP = 'DELETE' THEN
        ${add(`SELECT ${negated} FROM old_rows`)};
      ELSE
        ${add(`SELECT ${columns} FROM new_rows UNION ALL SELECT ${negated} FROM old_rows`)};
      END IF;
      RETURN NULL;
    END $$`;

  await queryRunner.query(apply('period_stats_apply', addToPeriods));
  await queryRunner.query(apply('team_day_stats_apply', (source) => addToTeamDays(source)));
  await queryRunner.query(`
    CREATE OR REPLACE FUNCTION period_stats_rebuild(org uuid) RETURNS void LANGUAGE sql AS $$
      DELETE FROM period_stats WHERE org IS NULL OR organisation_id = org;
      ${addToPeriods(`SELECT ${columns} FROM daily_stats WHERE org IS NULL OR organisation_id = org`)};
    $$`);

  // The dashboard rollups' rebuild and members trigger, as in 1796900000002 with `figures`.
  const [packRebuild] = (await queryRunner.query(
    `SELECT pg_get_functiondef('dashboard_rollups_rebuild(uuid)'::regprocedure) AS def`,
  )) as { def: string }[];
  const packPart = /INSERT INTO pack_day_stats[\s\S]*?reach = t\.reach \+ excluded\.reach/u.exec(
    packRebuild?.def ?? '',
  );
  if (!packPart) throw new Error('dashboard_rollups_rebuild: the pack part was not found');
  await queryRunner.query(`
    CREATE OR REPLACE FUNCTION dashboard_rollups_rebuild(org uuid) RETURNS void LANGUAGE sql
      SET enable_nestloop = off AS $$
      DELETE FROM team_day_stats WHERE org IS NULL OR organisation_id = org;
      DELETE FROM pack_day_stats WHERE org IS NULL OR organisation_id = org;
      ${addToTeamDays(`SELECT ${columns} FROM daily_stats WHERE org IS NULL OR organisation_id = org`)};
      ${packPart[0]};
    $$`);

  const [memberFn] = (await queryRunner.query(
    `SELECT pg_get_functiondef('dashboard_rollups_member()'::regprocedure) AS def`,
  )) as { def: string }[];
  let def = memberFn?.def ?? '';
  // The deletion's subtraction from team_day_stats, and the moves between groups.
  const subtract = figures.map((f) => `${f} = t.${f} - d.${f}`).join(', ');
  const summed = figures.map((f) => `sum(${f}) AS ${f}`).join(', ');
  const deletion =
    /UPDATE team_day_stats t\s+SET [\s\S]*?FROM \(SELECT organisation_id, day, network, [\s\S]*?FROM daily_stats WHERE member_id = OLD\.id GROUP BY 1, 2, 3\) d/u;
  if (!deletion.test(def)) throw new Error('dashboard_rollups_member: the deletion was not found');
  def = def.replace(
    deletion,
    `UPDATE team_day_stats t SET ${subtract}
              FROM (SELECT organisation_id, day, network, ${summed}
                      FROM daily_stats WHERE member_id = OLD.id GROUP BY 1, 2, 3) d`,
  );
  const moves =
    /INSERT INTO team_day_stats[\s\S]*?ON CONFLICT \(organisation_id, day, network, team_id, kind\) DO UPDATE\s+SET[\s\S]*?points = t\.points \+ excluded\.points(?:, verified_reach = t\.verified_reach \+ excluded\.verified_reach, engagement = t\.engagement \+ excluded\.engagement)?/gu;
  const found = def.match(moves) ?? [];
  if (found.length !== 2)
    throw new Error(`dashboard_rollups_member: ${found.length} moves found, 2 expected`);
  let nth = 0;
  def = def.replace(moves, () => {
    const member = nth++ === 0 ? 'OLD' : 'NEW';
    const source =
      member === 'OLD'
        ? `SELECT ${negated} FROM daily_stats WHERE member_id = OLD.id`
        : `SELECT ${columns} FROM daily_stats WHERE member_id = NEW.id`;
    return addToTeamDays(source, member);
  });
  await queryRunner.query(def);
}
