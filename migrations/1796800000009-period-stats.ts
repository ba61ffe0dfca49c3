import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `period_stats`: each member's sums per calendar period the boards offer (week from Monday, month,
 * quarter, year, and `all` from `0001-01-01`), per network and over all networks (`network = '*'`),
 * with who may appear on a board (`ranked`: active with the advocate role; `kind`; `team_id`) kept on
 * the row, so a board is one index range in value order with no join per row.
 *
 * Kept by triggers on `daily_stats` (one per statement, reading its transition tables), so every
 * writer of the daily rollups — shares, click batches, training points, recounts, the demo — adds to
 * the period rows in the same statement and transaction. `daily_stats.day` is the organisation's
 * local day, so truncating it gives the local period. A trigger on `members` keeps `ranked`, `kind`
 * and `team_id` current. `period_stats_rebuild(org)` recomputes an organisation's rows (or every
 * organisation's, given null) from `daily_stats`; `up` fills the table with it.
 */
export class PeriodStats1796800000009 implements MigrationInterface {
  name = 'PeriodStats1796800000009';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "period_stats" ("organisation_id" uuid NOT NULL, "period_kind" text NOT NULL, "period_start" date NOT NULL,
        "network" text NOT NULL, "member_id" uuid NOT NULL, "shares" integer NOT NULL DEFAULT '0',
        "clicks" integer NOT NULL DEFAULT '0', "unique_clicks" integer NOT NULL DEFAULT '0',
        "previews" integer NOT NULL DEFAULT '0', "excluded_clicks" integer NOT NULL DEFAULT '0',
        "reach" bigint NOT NULL DEFAULT '0', "points" integer NOT NULL DEFAULT '0',
        "ranked" boolean NOT NULL, "kind" text NOT NULL, "team_id" uuid,
        CONSTRAINT "pk_period_stats" PRIMARY KEY ("organisation_id", "period_kind", "period_start", "network", "member_id"))`,
    );
    // The boards by points: top N and the caller's rank are ranges of this index.
    await queryRunner.query(
      `CREATE INDEX "ix_period_stats_points" ON "period_stats"
        ("organisation_id", "period_kind", "period_start", "network", "points" DESC, "member_id") WHERE ranked`,
    );
    await queryRunner.query(`CREATE INDEX "ix_period_stats_member" ON "period_stats" ("member_id")`);
    await queryRunner.query(
      `ALTER TABLE "period_stats" ADD CONSTRAINT "fk_period_stats_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "period_stats" ADD CONSTRAINT "fk_period_stats_member" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE`,
    );
    // Who is ranked (`rankedMemberSql`), counted without reading the members' rows.
    await queryRunner.query(
      `CREATE INDEX "ix_members_ranked" ON "members" ("organisation_id", "id") INCLUDE ("kind", "team_id")
        WHERE status = 'active' AND 'advocate' = ANY(roles)`,
    );
    await queryRunner.query(APPLY_FUNCTION);
    for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
      const referencing =
        event === 'INSERT'
          ? 'NEW TABLE AS new_rows'
          : event === 'DELETE'
            ? 'OLD TABLE AS old_rows'
            : 'OLD TABLE AS old_rows NEW TABLE AS new_rows';
      await queryRunner.query(
        `CREATE TRIGGER "tr_daily_stats_periods_${event.toLowerCase()}" AFTER ${event} ON "daily_stats"
          REFERENCING ${referencing} FOR EACH STATEMENT EXECUTE FUNCTION period_stats_apply()`,
      );
    }
    await queryRunner.query(`
      CREATE FUNCTION period_stats_member() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE period_stats
           SET ranked = (NEW.status = 'active' AND 'advocate' = ANY(NEW.roles)), kind = NEW.kind, team_id = NEW.team_id
         WHERE member_id = NEW.id;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "tr_members_periods" AFTER UPDATE OF status, roles, kind, team_id ON "members"
        FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.roles IS DISTINCT FROM NEW.roles
          OR OLD.kind IS DISTINCT FROM NEW.kind OR OLD.team_id IS DISTINCT FROM NEW.team_id)
        EXECUTE FUNCTION period_stats_member()`,
    );
    await queryRunner.query(`
      CREATE FUNCTION period_stats_rebuild(org uuid) RETURNS void LANGUAGE sql AS $$
        DELETE FROM period_stats WHERE org IS NULL OR organisation_id = org;
        ${addToPeriods(`SELECT ${DAY_COLUMNS} FROM daily_stats WHERE org IS NULL OR organisation_id = org`)};
      $$`);
    await queryRunner.query(`SELECT period_stats_rebuild(NULL)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "tr_members_periods" ON "members"`);
    for (const event of ['insert', 'update', 'delete'])
      await queryRunner.query(`DROP TRIGGER "tr_daily_stats_periods_${event}" ON "daily_stats"`);
    await queryRunner.query(`DROP FUNCTION period_stats_rebuild(uuid)`);
    await queryRunner.query(`DROP FUNCTION period_stats_member()`);
    await queryRunner.query(`DROP FUNCTION period_stats_apply()`);
    await queryRunner.query(`DROP INDEX "public"."ix_members_ranked"`);
    await queryRunner.query(`DROP TABLE "period_stats"`);
  }
}

const DAY_COLUMNS =
  'organisation_id, member_id, day, network, shares, clicks, unique_clicks, previews, excluded_clicks, reach, points';
const NEGATED_DAY_COLUMNS =
  'organisation_id, member_id, day, network, -shares, -clicks, -unique_clicks, -previews, -excluded_clicks, -reach, -points';

/**
 * Adds daily rows (`source`, a SELECT of {@link DAY_COLUMNS}; negated figures take off) to their
 * period rows: each day counts in its week (from Monday), month, quarter, year and `all`, on its
 * network and on `*`. Rows are written in key order, so two writers lock them in the same order.
 */
function addToPeriods(source: string): string {
  return `INSERT INTO period_stats AS p (organisation_id, period_kind, period_start, network, member_id, shares, clicks,
         unique_clicks, previews, excluded_clicks, reach, points, ranked, kind, team_id)
  SELECT r.*, (m.status = 'active' AND 'advocate' = ANY(m.roles)), m.kind, m.team_id
    FROM (
      SELECT d.organisation_id, pk.kind, pk.start, n.network, d.member_id, sum(d.shares), sum(d.clicks),
             sum(d.unique_clicks), sum(d.previews), sum(d.excluded_clicks), sum(d.reach), sum(d.points)
        FROM (${source}) AS d (${DAY_COLUMNS})
       CROSS JOIN LATERAL (VALUES ('week', date_trunc('week', d.day)::date), ('month', date_trunc('month', d.day)::date),
                                  ('quarter', date_trunc('quarter', d.day)::date), ('year', date_trunc('year', d.day)::date),
                                  ('all', DATE '0001-01-01')) AS pk(kind, start)
       CROSS JOIN LATERAL (VALUES (d.network), ('*')) AS n(network)
       GROUP BY 1, 2, 3, 4, 5
      HAVING sum(d.shares) <> 0 OR sum(d.clicks) <> 0 OR sum(d.unique_clicks) <> 0 OR sum(d.previews) <> 0
          OR sum(d.excluded_clicks) <> 0 OR sum(d.reach) <> 0 OR sum(d.points) <> 0
    ) AS r (organisation_id, period_kind, period_start, network, member_id, shares, clicks, unique_clicks, previews,
            excluded_clicks, reach, points)
    JOIN members m ON m.id = r.member_id
   ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (organisation_id, period_kind, period_start, network, member_id) DO UPDATE
     SET shares = p.shares + excluded.shares, clicks = p.clicks + excluded.clicks,
         unique_clicks = p.unique_clicks + excluded.unique_clicks, previews = p.previews + excluded.previews,
         excluded_clicks = p.excluded_clicks + excluded.excluded_clicks, reach = p.reach + excluded.reach,
         points = p.points + excluded.points`;
}

/** What a statement changed in `daily_stats` (new rows added, old rows taken off), added to the period rows. */
const APPLY_FUNCTION = `
CREATE FUNCTION period_stats_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    ${addToPeriods(`SELECT ${DAY_COLUMNS} FROM new_rows`)};
  ELSIF TG_OP = 'DELETE' THEN
    ${addToPeriods(`SELECT ${NEGATED_DAY_COLUMNS} FROM old_rows`)};
  ELSE
    ${addToPeriods(`SELECT ${DAY_COLUMNS} FROM new_rows UNION ALL SELECT ${NEGATED_DAY_COLUMNS} FROM old_rows`)};
  END IF;
  RETURN NULL;
END $$`;
