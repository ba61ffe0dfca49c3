import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How many members shared in a window, without reading one entry per member and share day.
 *
 * The dashboard counts the members who shared in `a`–`b` (and in the previous window) as the
 * `share_days` in `a`–`b` whose previous share day is before `a`: one index entry per member and
 * share day of both windows (156,360 for the 30-day dashboard of the benchmark's 100,000 members).
 * `share_day_counts` keeps those entries counted per organisation, network (`'*'` over all
 * networks), day, previous share day and kind, for ranked members only (`share_days.ranked`). The
 * same count is then the sum of the rows of the windows' days whose `previous_day` is before the
 * window: a few rows per day (≈ 12,400 for the same dashboard) whatever the number of members.
 *
 * `previous_day` is `-infinity` for a member's first share day and for a previous share day more than
 * {@link SHARE_DAY_HORIZON} days back: a dashboard reads at most 732 days (a 366-day window and the
 * previous one), so such a day is before any window that contains `day`, and an organisation's rows
 * stay bounded by days × horizon.
 *
 * Kept by statement triggers on `share_days` (transition tables), so whatever changes a share day —
 * the `daily_stats` trigger adding or removing a day and relinking the next one, the `members` trigger
 * changing who is ranked or their kind, a member or organisation deleted, `share_days_rebuild` — moves
 * the counts in the same statement and transaction. Removals only update rows that exist (an
 * organisation being deleted takes its rows itself); additions are upserts in key order.
 * `share_day_counts_rebuild(org)` recomputes an organisation's rows from `share_days` (every
 * organisation's, given null).
 *
 * The key's index includes `members`, so a window is an index-only range (78 buffers instead of 1,450
 * heap and index buffers for 8,570 rows at 20,000 members): updates of a count are not HOT, a small
 * price on the share path next to reading the heap of every row at each dashboard.
 *
 * The team filter is not in the key (50 teams would split the few rows per day back into nearly one
 * per member and day): a team's dashboard reads its own `share_days`, by `ix_share_days_team_window`
 * (team first), which replaces the organisation-wide `ix_share_days_window`.
 */
export class ShareDayCounts1797000000130 implements MigrationInterface {
  name = 'ShareDayCounts1797000000130';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "share_day_counts" ("organisation_id" uuid NOT NULL, "network" text NOT NULL, "day" date NOT NULL,
        "previous_day" date NOT NULL, "kind" text NOT NULL, "members" integer NOT NULL DEFAULT '0',
        CONSTRAINT "pk_share_day_counts" PRIMARY KEY ("organisation_id", "network", "day", "previous_day", "kind") INCLUDE ("members"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "share_day_counts" ADD CONSTRAINT "fk_share_day_counts_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE`,
    );
    const key = `organisation_id, network, day,
      CASE WHEN previous_day IS NULL OR previous_day < day - ${SHARE_DAY_HORIZON} THEN '-infinity'::date ELSE previous_day END,
      kind`;
    const added = (rows: string) =>
      `INSERT INTO share_day_counts AS c (organisation_id, network, day, previous_day, kind, members)
       SELECT ${key}, count(*)::int FROM ${rows} WHERE ranked GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
       ON CONFLICT (organisation_id, network, day, previous_day, kind) DO UPDATE SET members = c.members + EXCLUDED.members`;
    const removed = (rows: string) =>
      `UPDATE share_day_counts c SET members = c.members - o.members
         FROM (SELECT ${key}, count(*)::int FROM ${rows} WHERE ranked GROUP BY 1, 2, 3, 4, 5) o
              (organisation_id, network, day, previous_day, kind, members)
        WHERE c.organisation_id = o.organisation_id AND c.network = o.network AND c.day = o.day
          AND c.previous_day = o.previous_day AND c.kind = o.kind`;
    await queryRunner.query(`
      CREATE FUNCTION share_day_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          ${added('new_rows')};
        ELSIF TG_OP = 'DELETE' THEN
          ${removed('old_rows')};
        ELSE
          -- Only what moved: a team change, say, leaves every count as it was.
          ${removed(`(SELECT * FROM old_rows EXCEPT ALL SELECT * FROM new_rows) o`)};
          ${added(`(SELECT * FROM new_rows EXCEPT ALL SELECT * FROM old_rows) n`)};
        END IF;
        RETURN NULL;
      END $$`);
    for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
      const referencing =
        event === 'INSERT'
          ? 'NEW TABLE AS new_rows'
          : event === 'DELETE'
            ? 'OLD TABLE AS old_rows'
            : 'OLD TABLE AS old_rows NEW TABLE AS new_rows';
      await queryRunner.query(
        `CREATE TRIGGER "tr_share_days_counts_${event.toLowerCase()}" AFTER ${event} ON "share_days"
          REFERENCING ${referencing} FOR EACH STATEMENT EXECUTE FUNCTION share_day_counts_apply()`,
      );
    }
    await queryRunner.query(`
      CREATE FUNCTION share_day_counts_rebuild(org uuid) RETURNS void LANGUAGE sql AS $$
        DELETE FROM share_day_counts WHERE org IS NULL OR organisation_id = org;
        INSERT INTO share_day_counts (organisation_id, network, day, previous_day, kind, members)
        SELECT ${key}, count(*)::int FROM share_days
         WHERE (org IS NULL OR organisation_id = org) AND ranked
         GROUP BY 1, 2, 3, 4, 5;
      $$`);
    await queryRunner.query(`SELECT share_day_counts_rebuild(NULL)`);
    await queryRunner.query(`DROP INDEX "ix_share_days_window"`);
    await queryRunner.query(
      `CREATE INDEX "ix_share_days_team_window" ON "share_days" ("organisation_id", "team_id", "network", "day")
        INCLUDE ("previous_day", "kind") WHERE ranked`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_share_days_team_window"`);
    await queryRunner.query(
      `CREATE INDEX "ix_share_days_window" ON "share_days" ("organisation_id", "network", "day")
        INCLUDE ("previous_day", "team_id", "kind") WHERE ranked`,
    );
    for (const event of ['insert', 'update', 'delete'])
      await queryRunner.query(`DROP TRIGGER "tr_share_days_counts_${event}" ON "share_days"`);
    await queryRunner.query(`DROP FUNCTION share_day_counts_rebuild(uuid)`);
    await queryRunner.query(`DROP FUNCTION share_day_counts_apply()`);
    await queryRunner.query(`DROP TABLE "share_day_counts"`);
  }
}

/**
 * Previous share days further back than this are kept as `-infinity` (see the class). Must exceed
 * the longest span a dashboard reads (previous window start to window end: 732 days).
 */
export const SHARE_DAY_HORIZON = 800;
