import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the boards and the dashboard counted member by member on every request, kept current instead,
 * so no request of a 100,000-member organisation counts or groups its members:
 *
 * - `ranked_member_counts`: how many members are ranked (`rankedMemberSql`: active with the advocate
 *   role) per team (`NO_TEAM` for members in no team, so it can be in the key) and kind — the boards'
 *   `total`, the team boards' and the dashboard's members per team. Kept by a row trigger on `members`
 *   (insert; update of status, roles, kind or team; delete) in the same transaction: the old group
 *   loses one, the new one gains one. Decrements only update rows that exist (an organisation being
 *   deleted takes its rows itself).
 * - `share_days`: each day a member shared, per network and over all networks (`network = '*'`), with
 *   the member's previous share day on the same network (`previous_day`) and who may appear
 *   (`ranked`, `kind`, `team_id`, as on `period_stats`). The members who shared in any days `a`–`b`
 *   are the share days in `a`–`b` whose previous share day is before `a` (each member's first share day
 *   of the window): one index range, counted without grouping by member or joining `members`. Kept by
 *   statement triggers on `daily_stats` (transition tables): a day enters when its `shares` become
 *   positive and leaves when they go back to zero (a recount, a deletion), and the next share day's
 *   `previous_day` is relinked, under a transaction lock per member so two writers never link one
 *   member's days from different snapshots. A trigger on `members` keeps `ranked`, `kind` and `team_id`.
 *
 * `ranked_member_counts_rebuild(org)` and `share_days_rebuild(org)` recompute an organisation's rows
 * (every organisation's, given null); `up` fills both tables with them.
 */
export class MemberCounters1797000000090 implements MigrationInterface {
  name = 'MemberCounters1797000000090';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "ranked_member_counts" ("organisation_id" uuid NOT NULL, "team_id" uuid NOT NULL, "kind" text NOT NULL,
        "members" integer NOT NULL DEFAULT '0',
        CONSTRAINT "pk_ranked_member_counts" PRIMARY KEY ("organisation_id", "team_id", "kind"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "ranked_member_counts" ADD CONSTRAINT "fk_ranked_member_counts_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE`,
    );
    await queryRunner.query(`
      CREATE FUNCTION ranked_member_counts_member() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'INSERT' AND OLD.status = 'active' AND 'advocate' = ANY(OLD.roles) THEN
          UPDATE ranked_member_counts SET members = members - 1
           WHERE organisation_id = OLD.organisation_id AND team_id = coalesce(OLD.team_id, '${NO_TEAM}'::uuid)
             AND kind = OLD.kind;
        END IF;
        IF TG_OP <> 'DELETE' AND NEW.status = 'active' AND 'advocate' = ANY(NEW.roles) THEN
          INSERT INTO ranked_member_counts AS c (organisation_id, team_id, kind, members)
          VALUES (NEW.organisation_id, coalesce(NEW.team_id, '${NO_TEAM}'::uuid), NEW.kind, 1)
          ON CONFLICT (organisation_id, team_id, kind) DO UPDATE SET members = c.members + 1;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "tr_members_ranked_counts_insert" AFTER INSERT ON "members"
        FOR EACH ROW EXECUTE FUNCTION ranked_member_counts_member()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "tr_members_ranked_counts_update" AFTER UPDATE OF status, roles, kind, team_id, organisation_id ON "members"
        FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.roles IS DISTINCT FROM NEW.roles
          OR OLD.kind IS DISTINCT FROM NEW.kind OR OLD.team_id IS DISTINCT FROM NEW.team_id
          OR OLD.organisation_id IS DISTINCT FROM NEW.organisation_id)
        EXECUTE FUNCTION ranked_member_counts_member()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "tr_members_ranked_counts_delete" AFTER DELETE ON "members"
        FOR EACH ROW EXECUTE FUNCTION ranked_member_counts_member()`,
    );
    await queryRunner.query(`
      CREATE FUNCTION ranked_member_counts_rebuild(org uuid) RETURNS void LANGUAGE sql AS $$
        DELETE FROM ranked_member_counts WHERE org IS NULL OR organisation_id = org;
        INSERT INTO ranked_member_counts (organisation_id, team_id, kind, members)
        SELECT organisation_id, coalesce(team_id, '${NO_TEAM}'::uuid), kind, count(*)
          FROM members
         WHERE (org IS NULL OR organisation_id = org) AND status = 'active' AND 'advocate' = ANY(roles)
         GROUP BY 1, 2, 3;
      $$`);
    await queryRunner.query(`SELECT ranked_member_counts_rebuild(NULL)`);

    await queryRunner.query(
      `CREATE TABLE "share_days" ("member_id" uuid NOT NULL, "network" text NOT NULL, "day" date NOT NULL,
        "organisation_id" uuid NOT NULL, "previous_day" date, "ranked" boolean NOT NULL, "kind" text NOT NULL, "team_id" uuid,
        CONSTRAINT "pk_share_days" PRIMARY KEY ("member_id", "network", "day"))`,
    );
    // Who shared in a window: a range by day, the rest read from the index.
    await queryRunner.query(
      `CREATE INDEX "ix_share_days_window" ON "share_days" ("organisation_id", "network", "day")
        INCLUDE ("previous_day", "team_id", "kind") WHERE ranked`,
    );
    await queryRunner.query(
      `ALTER TABLE "share_days" ADD CONSTRAINT "fk_share_days_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "share_days" ADD CONSTRAINT "fk_share_days_member" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE`,
    );
    await queryRunner.query(`
      CREATE FUNCTION share_days_apply() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        orgs uuid[];
        members uuid[];
        days date[];
        networks text[];
        k record;
        sharing boolean;
        present boolean;
        previous date;
      BEGIN
        -- The member days whose sharing (shares > 0) may have changed: on one side only.
        IF TG_OP = 'INSERT' THEN
          SELECT array_agg(organisation_id), array_agg(member_id), array_agg(day), array_agg(network)
            INTO orgs, members, days, networks FROM new_rows WHERE shares > 0;
        ELSIF TG_OP = 'DELETE' THEN
          SELECT array_agg(organisation_id), array_agg(member_id), array_agg(day), array_agg(network)
            INTO orgs, members, days, networks FROM old_rows WHERE shares > 0;
        ELSE
          SELECT array_agg(organisation_id), array_agg(member_id), array_agg(day), array_agg(network)
            INTO orgs, members, days, networks
            FROM ((SELECT organisation_id, member_id, day, network FROM new_rows WHERE shares > 0
                   EXCEPT SELECT organisation_id, member_id, day, network FROM old_rows WHERE shares > 0)
                  UNION
                  (SELECT organisation_id, member_id, day, network FROM old_rows WHERE shares > 0
                   EXCEPT SELECT organisation_id, member_id, day, network FROM new_rows WHERE shares > 0)) c;
        END IF;
        IF members IS NULL THEN
          RETURN NULL;
        END IF;
        FOR k IN
          SELECT DISTINCT c.organisation_id, c.member_id, c.day, n.network
            FROM unnest(orgs, members, days, networks) AS c (organisation_id, member_id, day, network)
           CROSS JOIN LATERAL (VALUES (c.network), ('*')) AS n (network)
           ORDER BY c.member_id, n.network, c.day
        LOOP
          -- One writer at a time links a member's days (each statement below then sees the other's commit).
          PERFORM pg_advisory_xact_lock(hashtextextended('share_days:' || k.member_id::text, 0));
          SELECT EXISTS (SELECT 1 FROM daily_stats d
                          WHERE d.organisation_id = k.organisation_id AND d.member_id = k.member_id AND d.day = k.day
                            AND (k.network = '*' OR d.network = k.network) AND d.shares > 0)
            INTO sharing;
          present := false;
          previous := NULL;
          SELECT true, s.previous_day INTO present, previous FROM share_days s
           WHERE s.member_id = k.member_id AND s.network = k.network AND s.day = k.day;
          present := coalesce(present, false);
          IF sharing AND NOT present THEN
            INSERT INTO share_days (member_id, network, day, organisation_id, previous_day, ranked, kind, team_id)
            SELECT k.member_id, k.network, k.day, k.organisation_id,
                   (SELECT max(s.day) FROM share_days s WHERE s.member_id = k.member_id AND s.network = k.network AND s.day < k.day),
                   m.status = 'active' AND 'advocate' = ANY(m.roles), m.kind, m.team_id
              FROM members m WHERE m.id = k.member_id
            ON CONFLICT (member_id, network, day) DO NOTHING;
            UPDATE share_days s SET previous_day = k.day
             WHERE s.member_id = k.member_id AND s.network = k.network
               AND s.day = (SELECT min(n.day) FROM share_days n WHERE n.member_id = k.member_id AND n.network = k.network AND n.day > k.day);
          ELSIF present AND NOT sharing THEN
            DELETE FROM share_days s WHERE s.member_id = k.member_id AND s.network = k.network AND s.day = k.day;
            UPDATE share_days s SET previous_day = previous
             WHERE s.member_id = k.member_id AND s.network = k.network
               AND s.day = (SELECT min(n.day) FROM share_days n WHERE n.member_id = k.member_id AND n.network = k.network AND n.day > k.day);
          END IF;
        END LOOP;
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
        `CREATE TRIGGER "tr_daily_stats_share_days_${event.toLowerCase()}" AFTER ${event} ON "daily_stats"
          REFERENCING ${referencing} FOR EACH STATEMENT EXECUTE FUNCTION share_days_apply()`,
      );
    }
    await queryRunner.query(`
      CREATE FUNCTION share_days_member() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE share_days
           SET ranked = (NEW.status = 'active' AND 'advocate' = ANY(NEW.roles)), kind = NEW.kind, team_id = NEW.team_id
         WHERE member_id = NEW.id;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "tr_members_share_days" AFTER UPDATE OF status, roles, kind, team_id ON "members"
        FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.roles IS DISTINCT FROM NEW.roles
          OR OLD.kind IS DISTINCT FROM NEW.kind OR OLD.team_id IS DISTINCT FROM NEW.team_id)
        EXECUTE FUNCTION share_days_member()`,
    );
    await queryRunner.query(`
      CREATE FUNCTION share_days_rebuild(org uuid) RETURNS void LANGUAGE sql
        SET enable_nestloop = off AS $$
        DELETE FROM share_days WHERE org IS NULL OR organisation_id = org;
        INSERT INTO share_days (member_id, network, day, organisation_id, previous_day, ranked, kind, team_id)
        SELECT d.member_id, d.network, d.day, d.organisation_id,
               lag(d.day) OVER (PARTITION BY d.member_id, d.network ORDER BY d.day),
               m.status = 'active' AND 'advocate' = ANY(m.roles), m.kind, m.team_id
          FROM (SELECT organisation_id, member_id, day, network FROM daily_stats
                 WHERE (org IS NULL OR organisation_id = org) AND shares > 0
                UNION
                SELECT organisation_id, member_id, day, '*' FROM daily_stats
                 WHERE (org IS NULL OR organisation_id = org) AND shares > 0) d
          JOIN members m ON m.id = d.member_id;
      $$`);
    await queryRunner.query(`SELECT share_days_rebuild(NULL)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "tr_members_share_days" ON "members"`);
    for (const event of ['insert', 'update', 'delete']) {
      await queryRunner.query(`DROP TRIGGER "tr_daily_stats_share_days_${event}" ON "daily_stats"`);
      await queryRunner.query(`DROP TRIGGER "tr_members_ranked_counts_${event}" ON "members"`);
    }
    await queryRunner.query(`DROP FUNCTION share_days_rebuild(uuid)`);
    await queryRunner.query(`DROP FUNCTION share_days_member()`);
    await queryRunner.query(`DROP FUNCTION share_days_apply()`);
    await queryRunner.query(`DROP TABLE "share_days"`);
    await queryRunner.query(`DROP FUNCTION ranked_member_counts_rebuild(uuid)`);
    await queryRunner.query(`DROP FUNCTION ranked_member_counts_member()`);
    await queryRunner.query(`DROP TABLE "ranked_member_counts"`);
  }
}

/** `ranked_member_counts.team_id` of members in no team (as `team_day_stats`). */
const NO_TEAM = '00000000-0000-0000-0000-000000000000';
