import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The leader dashboard's rollups, so a dashboard of 100,000 members sums a few thousand rows and joins
 * no member per row:
 *
 * - `team_day_stats`: the ranked members' (active advocates') `daily_stats` summed per local day,
 *   network, team and kind (`team_id` is {@link NO_TEAM} for members in no team, so it can be part of
 *   the key): the dashboard's series, KPIs and breakdowns by network and team.
 * - `pack_day_stats`: the ranked members' `pack_daily_stats` summed per local day, pack, locale,
 *   network and kind: the top packs and the locales.
 *
 * Kept like `period_stats`: statement triggers on the source rollups (transition tables) add what a
 * statement changed, in the same statement and transaction, for the members ranked at that moment;
 * a row trigger on `members` moves a member's whole history between groups when their status, roles,
 * kind or team change, and takes it off before the member is deleted. `dashboard_rollups_rebuild(org)`
 * recomputes an organisation's rows (every organisation's, given null); `up` fills the tables with it.
 *
 * Two partial indexes on `daily_stats` serve the member-level reads that remain: who shared in a
 * window (`shares > 0`, with the member in the index) and who had clicks excluded.
 */
export class DashboardRollups1796900000002 implements MigrationInterface {
  name = 'DashboardRollups1796900000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "team_day_stats" ("organisation_id" uuid NOT NULL, "day" date NOT NULL, "network" text NOT NULL,
        "team_id" uuid NOT NULL, "kind" text NOT NULL, "shares" integer NOT NULL DEFAULT '0',
        "clicks" integer NOT NULL DEFAULT '0', "unique_clicks" integer NOT NULL DEFAULT '0',
        "previews" integer NOT NULL DEFAULT '0', "excluded_clicks" integer NOT NULL DEFAULT '0',
        "reach" bigint NOT NULL DEFAULT '0', "points" integer NOT NULL DEFAULT '0',
        CONSTRAINT "pk_team_day_stats" PRIMARY KEY ("organisation_id", "day", "network", "team_id", "kind"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "pack_day_stats" ("organisation_id" uuid NOT NULL, "day" date NOT NULL, "pack_id" uuid NOT NULL,
        "locale" text NOT NULL, "network" text NOT NULL, "kind" text NOT NULL, "shares" integer NOT NULL DEFAULT '0',
        "clicks" integer NOT NULL DEFAULT '0', "unique_clicks" integer NOT NULL DEFAULT '0',
        "previews" integer NOT NULL DEFAULT '0', "reach" bigint NOT NULL DEFAULT '0',
        CONSTRAINT "pk_pack_day_stats" PRIMARY KEY ("organisation_id", "day", "pack_id", "locale", "network", "kind"))`,
    );
    for (const table of ['team_day_stats', 'pack_day_stats'])
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD CONSTRAINT "fk_${table}_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE`,
      );
    await queryRunner.query(
      `CREATE INDEX "ix_daily_stats_sharers" ON "daily_stats" ("organisation_id", "day", "member_id", "network") WHERE shares > 0`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_daily_stats_excluded" ON "daily_stats" ("organisation_id", "day") WHERE excluded_clicks > 0`,
    );

    await queryRunner.query(`
      CREATE FUNCTION team_day_stats_apply() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          ${addToTeamDays(`SELECT ${DAY_COLUMNS} FROM new_rows`)};
        ELSIF TG_OP = 'DELETE' THEN
          ${addToTeamDays(`SELECT ${NEGATED_DAY_COLUMNS} FROM old_rows`)};
        ELSE
          ${addToTeamDays(`SELECT ${DAY_COLUMNS} FROM new_rows UNION ALL SELECT ${NEGATED_DAY_COLUMNS} FROM old_rows`)};
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION pack_day_stats_apply() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          ${addToPackDays(`SELECT ${PACK_COLUMNS} FROM new_rows`)};
        ELSIF TG_OP = 'DELETE' THEN
          ${addToPackDays(`SELECT ${NEGATED_PACK_COLUMNS} FROM old_rows`)};
        ELSE
          ${addToPackDays(`SELECT ${PACK_COLUMNS} FROM new_rows UNION ALL SELECT ${NEGATED_PACK_COLUMNS} FROM old_rows`)};
        END IF;
        RETURN NULL;
      END $$`);
    for (const [table, fn] of [
      ['daily_stats', 'team_day_stats_apply'],
      ['pack_daily_stats', 'pack_day_stats_apply'],
    ] as const)
      for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
        const referencing =
          event === 'INSERT'
            ? 'NEW TABLE AS new_rows'
            : event === 'DELETE'
              ? 'OLD TABLE AS old_rows'
              : 'OLD TABLE AS old_rows NEW TABLE AS new_rows';
        await queryRunner.query(
          `CREATE TRIGGER "tr_${table}_dashboard_${event.toLowerCase()}" AFTER ${event} ON "${table}"
            REFERENCING ${referencing} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
        );
      }

    // A member's change of group: their history off the old group (if ranked), onto the new one (if ranked).
    await queryRunner.query(`
      CREATE FUNCTION dashboard_rollups_member() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        was_ranked boolean := OLD.status = 'active' AND 'advocate' = ANY(OLD.roles);
        is_ranked boolean := TG_OP = 'UPDATE' AND NEW.status = 'active' AND 'advocate' = ANY(NEW.roles);
      BEGIN
        IF TG_OP = 'DELETE' THEN
          -- Only rows that exist are taken from (an organisation being deleted takes its rows itself).
          IF was_ranked THEN
            UPDATE team_day_stats t
               SET shares = t.shares - d.shares, clicks = t.clicks - d.clicks, unique_clicks = t.unique_clicks - d.unique_clicks,
                   previews = t.previews - d.previews, excluded_clicks = t.excluded_clicks - d.excluded_clicks,
                   reach = t.reach - d.reach, points = t.points - d.points
              FROM (SELECT organisation_id, day, network, sum(shares) AS shares, sum(clicks) AS clicks,
                           sum(unique_clicks) AS unique_clicks, sum(previews) AS previews,
                           sum(excluded_clicks) AS excluded_clicks, sum(reach) AS reach, sum(points) AS points
                      FROM daily_stats WHERE member_id = OLD.id GROUP BY 1, 2, 3) d
             WHERE t.organisation_id = d.organisation_id AND t.day = d.day AND t.network = d.network
               AND t.team_id = coalesce(OLD.team_id, '${NO_TEAM}') AND t.kind = OLD.kind;
            UPDATE pack_day_stats t
               SET shares = t.shares - d.shares, clicks = t.clicks - d.clicks, unique_clicks = t.unique_clicks - d.unique_clicks,
                   previews = t.previews - d.previews, reach = t.reach - d.reach
              FROM (SELECT organisation_id, day, pack_id, locale, network, sum(shares) AS shares, sum(clicks) AS clicks,
                           sum(unique_clicks) AS unique_clicks, sum(previews) AS previews, sum(reach) AS reach
                      FROM pack_daily_stats WHERE member_id = OLD.id GROUP BY 1, 2, 3, 4, 5) d
             WHERE t.organisation_id = d.organisation_id AND t.day = d.day AND t.pack_id = d.pack_id
               AND t.locale = d.locale AND t.network = d.network AND t.kind = OLD.kind;
          END IF;
          RETURN OLD;
        END IF;
        IF was_ranked IS DISTINCT FROM is_ranked OR (is_ranked AND
             (OLD.team_id IS DISTINCT FROM NEW.team_id OR OLD.kind IS DISTINCT FROM NEW.kind)) THEN
          IF was_ranked THEN
            ${addToTeamDays(`SELECT ${NEGATED_DAY_COLUMNS} FROM daily_stats WHERE member_id = OLD.id`, 'OLD')};
          END IF;
          IF is_ranked THEN
            ${addToTeamDays(`SELECT ${DAY_COLUMNS} FROM daily_stats WHERE member_id = NEW.id`, 'NEW')};
          END IF;
        END IF;
        IF was_ranked IS DISTINCT FROM is_ranked OR (is_ranked AND OLD.kind IS DISTINCT FROM NEW.kind) THEN
          IF was_ranked THEN
            ${addToPackDays(`SELECT ${NEGATED_PACK_COLUMNS} FROM pack_daily_stats WHERE member_id = OLD.id`, 'OLD')};
          END IF;
          IF is_ranked THEN
            ${addToPackDays(`SELECT ${PACK_COLUMNS} FROM pack_daily_stats WHERE member_id = NEW.id`, 'NEW')};
          END IF;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "tr_members_dashboard" AFTER UPDATE OF status, roles, kind, team_id ON "members"
        FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.roles IS DISTINCT FROM NEW.roles
          OR OLD.kind IS DISTINCT FROM NEW.kind OR OLD.team_id IS DISTINCT FROM NEW.team_id)
        EXECUTE FUNCTION dashboard_rollups_member()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "tr_members_dashboard_delete" BEFORE DELETE ON "members"
        FOR EACH ROW EXECUTE FUNCTION dashboard_rollups_member()`,
    );
    await queryRunner.query(`
      CREATE FUNCTION dashboard_rollups_rebuild(org uuid) RETURNS void LANGUAGE sql
        -- A bulk pass: hash joins whatever the statistics say (a nested loop over a freshly loaded,
        -- not yet analysed table would scan the daily rollups once per member).
        SET enable_nestloop = off AS $$
        DELETE FROM team_day_stats WHERE org IS NULL OR organisation_id = org;
        DELETE FROM pack_day_stats WHERE org IS NULL OR organisation_id = org;
        ${addToTeamDays(`SELECT ${DAY_COLUMNS} FROM daily_stats WHERE org IS NULL OR organisation_id = org`)};
        ${addToPackDays(`SELECT ${PACK_COLUMNS} FROM pack_daily_stats WHERE org IS NULL OR organisation_id = org`)};
      $$`);
    await queryRunner.query(`SELECT dashboard_rollups_rebuild(NULL)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "tr_members_dashboard_delete" ON "members"`);
    await queryRunner.query(`DROP TRIGGER "tr_members_dashboard" ON "members"`);
    for (const table of ['daily_stats', 'pack_daily_stats'])
      for (const event of ['insert', 'update', 'delete'])
        await queryRunner.query(`DROP TRIGGER "tr_${table}_dashboard_${event}" ON "${table}"`);
    await queryRunner.query(`DROP FUNCTION dashboard_rollups_rebuild(uuid)`);
    await queryRunner.query(`DROP FUNCTION dashboard_rollups_member()`);
    await queryRunner.query(`DROP FUNCTION pack_day_stats_apply()`);
    await queryRunner.query(`DROP FUNCTION team_day_stats_apply()`);
    await queryRunner.query(`DROP INDEX "public"."ix_daily_stats_excluded"`);
    await queryRunner.query(`DROP INDEX "public"."ix_daily_stats_sharers"`);
    await queryRunner.query(`DROP TABLE "pack_day_stats"`);
    await queryRunner.query(`DROP TABLE "team_day_stats"`);
  }
}

/** `team_day_stats.team_id` of members in no team. */
export const NO_TEAM = '00000000-0000-0000-0000-000000000000';

const DAY_COLUMNS =
  'organisation_id, member_id, day, network, shares, clicks, unique_clicks, previews, excluded_clicks, reach, points';
const NEGATED_DAY_COLUMNS =
  'organisation_id, member_id, day, network, -shares, -clicks, -unique_clicks, -previews, -excluded_clicks, -reach, -points';
const PACK_COLUMNS =
  'organisation_id, member_id, day, pack_id, locale, network, shares, clicks, unique_clicks, previews, reach';
const NEGATED_PACK_COLUMNS =
  'organisation_id, member_id, day, pack_id, locale, network, -shares, -clicks, -unique_clicks, -previews, -reach';

/**
 * Adds daily rows (`source`, a SELECT of {@link DAY_COLUMNS}) of ranked members to their team's day.
 * Without `member`, who the members are (ranked, team, kind) is read from `members`; with it (`OLD`
 * or `NEW` of the members trigger), from that record. Rows are written in key order.
 */
function addToTeamDays(source: string, member?: 'OLD' | 'NEW'): string {
  const from = member
    ? `(${source}) AS d (${DAY_COLUMNS})`
    : `(${source}) AS d (${DAY_COLUMNS}) JOIN members m ON m.id = d.member_id AND m.status = 'active' AND 'advocate' = ANY(m.roles)`;
  const team = member
    ? `coalesce(${member}.team_id, '${NO_TEAM}'::uuid)`
    : `coalesce(m.team_id, '${NO_TEAM}'::uuid)`;
  const kind = member ? `${member}.kind` : 'm.kind';
  return `INSERT INTO team_day_stats AS t (organisation_id, day, network, team_id, kind, shares, clicks, unique_clicks,
         previews, excluded_clicks, reach, points)
  SELECT d.organisation_id, d.day, d.network, ${team}, ${kind}, sum(d.shares), sum(d.clicks), sum(d.unique_clicks),
         sum(d.previews), sum(d.excluded_clicks), sum(d.reach), sum(d.points)
    FROM ${from}
   GROUP BY 1, 2, 3, 4, 5
  HAVING sum(d.shares) <> 0 OR sum(d.clicks) <> 0 OR sum(d.unique_clicks) <> 0 OR sum(d.previews) <> 0
      OR sum(d.excluded_clicks) <> 0 OR sum(d.reach) <> 0 OR sum(d.points) <> 0
   ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (organisation_id, day, network, team_id, kind) DO UPDATE
     SET shares = t.shares + excluded.shares, clicks = t.clicks + excluded.clicks,
         unique_clicks = t.unique_clicks + excluded.unique_clicks, previews = t.previews + excluded.previews,
         excluded_clicks = t.excluded_clicks + excluded.excluded_clicks, reach = t.reach + excluded.reach,
         points = t.points + excluded.points`;
}

/** Adds pack rows (`source`, a SELECT of {@link PACK_COLUMNS}) of ranked members to their kind's pack day. */
function addToPackDays(source: string, member?: 'OLD' | 'NEW'): string {
  const from = member
    ? `(${source}) AS d (${PACK_COLUMNS})`
    : `(${source}) AS d (${PACK_COLUMNS}) JOIN members m ON m.id = d.member_id AND m.status = 'active' AND 'advocate' = ANY(m.roles)`;
  const kind = member ? `${member}.kind` : 'm.kind';
  return `INSERT INTO pack_day_stats AS t (organisation_id, day, pack_id, locale, network, kind, shares, clicks,
         unique_clicks, previews, reach)
  SELECT d.organisation_id, d.day, d.pack_id, d.locale, d.network, ${kind}, sum(d.shares), sum(d.clicks),
         sum(d.unique_clicks), sum(d.previews), sum(d.reach)
    FROM ${from}
   GROUP BY 1, 2, 3, 4, 5, 6
  HAVING sum(d.shares) <> 0 OR sum(d.clicks) <> 0 OR sum(d.unique_clicks) <> 0 OR sum(d.previews) <> 0
      OR sum(d.reach) <> 0
   ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (organisation_id, day, pack_id, locale, network, kind) DO UPDATE
     SET shares = t.shares + excluded.shares, clicks = t.clicks + excluded.clicks,
         unique_clicks = t.unique_clicks + excluded.unique_clicks, previews = t.previews + excluded.previews,
         reach = t.reach + excluded.reach`;
}
