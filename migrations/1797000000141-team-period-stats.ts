import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Team boards without a cache: `team_period_stats` holds the ranked members' `period_stats` summed
 * per organisation, calendar period, network (`'*'` over all networks, as on `period_stats`), team
 * and kind — members in no team are left out, as the team boards leave them out. A team board is then
 * a read of about one row per team and kind instead of a sum over one period row per member (117 ms
 * for the month of 100,000 members at load 9.4, so team boards had been cached for 30 seconds).
 *
 * Kept by statement triggers on `period_stats` (transition tables), so whatever changes a period row —
 * the triggers on `daily_stats` (share command, click batches, training points, recounts), the
 * `members` trigger copying `ranked`, `kind` and `team_id` onto a member's rows, a deletion,
 * `period_stats_rebuild` — moves the team sums in the same statement and transaction. Inserts and
 * updates add the statement's net change per group (new rows minus old rows; groups whose change is
 * nothing are skipped, so a click batch of a member without a team writes nothing), as upserts in key
 * order; deletions only update rows that exist (an organisation being deleted takes its rows itself).
 * `team_period_stats_rebuild(org)` recomputes an organisation's rows (every organisation's, given
 * null); `up` fills the table with it. It follows `1797000000140`, so the team sums carry verified reach
 * and engagement as the period rows do.
 */
export class TeamPeriodStats1797000000141 implements MigrationInterface {
  name = 'TeamPeriodStats1797000000141';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "team_period_stats" ("organisation_id" uuid NOT NULL, "period_kind" text NOT NULL,
        "period_start" date NOT NULL, "network" text NOT NULL, "team_id" uuid NOT NULL, "kind" text NOT NULL,
        "shares" integer NOT NULL DEFAULT '0', "clicks" integer NOT NULL DEFAULT '0',
        "unique_clicks" integer NOT NULL DEFAULT '0', "reach" bigint NOT NULL DEFAULT '0',
        "points" integer NOT NULL DEFAULT '0', "verified_reach" bigint NOT NULL DEFAULT '0',
        "engagement" bigint NOT NULL DEFAULT '0',
        CONSTRAINT "pk_team_period_stats" PRIMARY KEY ("organisation_id", "period_kind", "period_start", "network", "team_id", "kind"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "team_period_stats" ADD CONSTRAINT "fk_team_period_stats_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE`,
    );
    const key = 'organisation_id, period_kind, period_start, network, team_id, kind';
    const figures = ['shares', 'clicks', 'unique_clicks', 'reach', 'points', 'verified_reach', 'engagement'];
    // The rows of a transition table that count: ranked members in a team, signed.
    const counted = (rows: string, sign: string) =>
      `SELECT ${key}, ${figures.map((f) => `${sign}${f} AS ${f}`).join(', ')} FROM ${rows} WHERE ranked AND team_id IS NOT NULL`;
    const added = (source: string) =>
      `INSERT INTO team_period_stats AS t (${key}, ${figures.join(', ')})
       SELECT ${key}, ${figures.map((f) => `sum(${f})`).join(', ')} FROM (${source}) c
        GROUP BY ${key}
       HAVING ${figures.map((f) => `sum(${f}) <> 0`).join(' OR ')}
        ORDER BY ${key}
       ON CONFLICT (${key}) DO UPDATE SET ${figures.map((f) => `${f} = t.${f} + EXCLUDED.${f}`).join(', ')}`;
    await queryRunner.query(`
      CREATE FUNCTION team_period_stats_apply() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          ${added(counted('new_rows', ''))};
        ELSIF TG_OP = 'UPDATE' THEN
          ${added(`${counted('new_rows', '')} UNION ALL ${counted('old_rows', '-')}`)};
        ELSE
          UPDATE team_period_stats t SET ${figures.map((f) => `${f} = t.${f} - o.${f}`).join(', ')}
            FROM (SELECT ${key}, ${figures.map((f) => `sum(${f}) AS ${f}`).join(', ')}
                    FROM (${counted('old_rows', '')}) c GROUP BY ${key}) o
           WHERE (t.organisation_id, t.period_kind, t.period_start, t.network, t.team_id, t.kind)
               = (o.organisation_id, o.period_kind, o.period_start, o.network, o.team_id, o.kind);
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
        `CREATE TRIGGER "tr_period_stats_team_${event.toLowerCase()}" AFTER ${event} ON "period_stats"
          REFERENCING ${referencing} FOR EACH STATEMENT EXECUTE FUNCTION team_period_stats_apply()`,
      );
    }
    await queryRunner.query(`
      CREATE FUNCTION team_period_stats_rebuild(org uuid) RETURNS void LANGUAGE sql AS $$
        DELETE FROM team_period_stats WHERE org IS NULL OR organisation_id = org;
        INSERT INTO team_period_stats (${key}, ${figures.join(', ')})
        SELECT ${key}, ${figures.map((f) => `sum(${f})`).join(', ')} FROM period_stats
         WHERE (org IS NULL OR organisation_id = org) AND ranked AND team_id IS NOT NULL
         GROUP BY ${key};
      $$`);
    await queryRunner.query(`SELECT team_period_stats_rebuild(NULL)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const event of ['insert', 'update', 'delete'])
      await queryRunner.query(`DROP TRIGGER "tr_period_stats_team_${event}" ON "period_stats"`);
    await queryRunner.query(`DROP FUNCTION team_period_stats_rebuild(uuid)`);
    await queryRunner.query(`DROP FUNCTION team_period_stats_apply()`);
    await queryRunner.query(`DROP TABLE "team_period_stats"`);
  }
}
