import type { ShareFlagRule } from '@heimo/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { MemberKind } from '../../members/entities/member.entity';
import { rankedMemberSql } from '../../members/ranked-members';
import { NO_TEAM } from '../team-day-stats';

/** What every dashboard read filters by: the organisation, days (local), network, team and kind. */
export interface DashboardFilter {
  readonly organisationId: string;
  readonly from: string;
  readonly to: string;
  readonly previousFrom: string;
  readonly network: string | null;
  readonly teamId: string | null;
  readonly kind: MemberKind | null;
}

interface Figures {
  shares: number;
  reach: number;
  clicks: number;
  uniqueClicks: number;
  points: number;
  verifiedReach: number;
  engagement: number;
}

/** Figures of a day and network (all teams). */
export interface FigureRow extends Figures {
  day: string;
  network: string;
}

/** Figures of a team (null: members in no team) over the window. */
export interface TeamFigureRow extends Figures {
  teamId: string | null;
}

export interface TeamCountRow {
  teamId: string | null;
  members: number;
}

/** The counted members per team, who shared in the window and the previous one, and readiness. */
export interface MemberCounts {
  teams: TeamCountRow[];
  active: number;
  previousActive: number;
  ready: number;
  pool: number;
  previousPool: number;
}

interface TeamMembersRow {
  teamId: string | null;
  members: number;
  active: number;
  previousActive: number;
  ready: number;
  pool: number;
  previousPool: number;
}

export interface PackLocaleRow {
  packId: string | null;
  title: string | null;
  locale: string | null;
  shares: number;
  reach: number;
  clicks: number;
  uniqueClicks: number;
}

/** A member with excluded clicks or flagged shares in the window. */
export interface AnomalyRow {
  id: string;
  name: string;
  teamId: string | null;
  optOut: boolean;
  excludedClicks: number;
  flaggedShares: number;
  /** Of the flagged share-days, the largest fraction the top networks held (0 when none). */
  topNetworksShare: number;
}

/** A module that gates sharing, as the set-based readiness count needs it. */
export interface GateRule {
  readonly moduleId: string;
  readonly materialVersion: number;
  readonly validityDays: number | null;
  readonly kinds: readonly string[];
  readonly teamIds: readonly string[];
}

/**
 * The members counted: the organisation's ($1) active advocates matching the team and kind
 * parameters (`rankedMemberSql`, as the leaderboards and the teams list count them).
 */
const memberScope = (team: string, kind: string) => `m.organisation_id = $1 AND ${rankedMemberSql('m')}
  AND (${team}::uuid IS NULL OR m.team_id = ${team}::uuid) AND (${kind}::text IS NULL OR m.kind = ${kind}::text)`;

/**
 * The dashboard's reads, from rollups, never raw events: `team_day_stats` and `pack_day_stats` (summed
 * per group, no member row joined), `daily_stats` through partial indexes for who shared and who had
 * clicks excluded; each method is one statement, and the service runs them side by side.
 */
@Injectable()
export class DashboardRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The figures of `team_day_stats` (the ranked members' daily rollups summed per day, network, team
   * and kind, so no member row is joined), grouped in one pass two ways: per day and network over the
   * previous window and the window (previous from … to) — the series, the networks and the figure
   * KPIs — and per team over the window. A few hundred rows, whatever the organisation's size.
   */
  async figures(filter: DashboardFilter): Promise<{ days: FigureRow[]; teams: TeamFigureRow[] }> {
    // Per team: the window's days only; per day: both windows.
    const total = (column: string) =>
      `CASE WHEN grouping(t.team_id) = 0 THEN sum(t.${column}) FILTER (WHERE t.day >= $7::date) ELSE sum(t.${column}) END`;
    const rows = await this.read<FigureRow & TeamFigureRow & { byTeam: boolean }>(
      `SELECT to_char(t.day, 'YYYY-MM-DD') AS day, t.network, nullif(t.team_id, '${NO_TEAM}'::uuid) AS "teamId",
              grouping(t.team_id) = 0 AS "byTeam",
              coalesce(${total('shares')}, 0)::int AS shares, coalesce(${total('reach')}, 0)::float8 AS reach,
              coalesce(${total('clicks')}, 0)::int AS clicks, coalesce(${total('unique_clicks')}, 0)::int AS "uniqueClicks",
              coalesce(${total('points')}, 0)::int AS points,
              coalesce(${total('verified_reach')}, 0)::float8 AS "verifiedReach",
              coalesce(${total('engagement')}, 0)::float8 AS engagement
         FROM team_day_stats t
        WHERE t.organisation_id = $1 AND t.day >= $2::date AND t.day <= $3::date
          AND ($4::text IS NULL OR t.network = $4::text)
          AND ($5::uuid IS NULL OR t.team_id = $5::uuid) AND ($6::text IS NULL OR t.kind = $6::text)
        GROUP BY GROUPING SETS ((t.day, t.network), (t.team_id))
       HAVING ${[
         'shares',
         'reach',
         'clicks',
         'unique_clicks',
         'previews',
         'excluded_clicks',
         'points',
         'verified_reach',
         'engagement',
       ]
         .map((column) => `${total(column)} <> 0`)
         .join(' OR ')}`,
      [
        filter.organisationId,
        filter.previousFrom,
        filter.to,
        filter.network,
        filter.teamId,
        filter.kind,
        filter.from,
      ],
    );
    const figures = ({
      shares,
      reach,
      clicks,
      uniqueClicks,
      points,
      verifiedReach,
      engagement,
    }: FigureRow) => ({
      shares,
      reach,
      clicks,
      uniqueClicks,
      points,
      verifiedReach,
      engagement,
    });
    return {
      days: rows
        .filter((row) => !row.byTeam)
        .map((row) => ({ ...figures(row), day: row.day, network: row.network })),
      teams: rows.filter((row) => row.byTeam).map((row) => ({ ...figures(row), teamId: row.teamId })),
    };
  }

  /**
   * Members counted per team (null: no team), how many shared in the window and in the previous one,
   * and the readiness counts (`ready`, and `pool`/`previousPool`: ready or shared in that window).
   *
   * Without gating modules every counted member is ready, and nothing is read member by member: the
   * members per team are the kept counters of `ranked_member_counts`, and who shared are the
   * `share_days` of the windows whose previous share day (same network, or any for `*`) lies before
   * the window — each member's first share day in it — counted in one range of `ix_share_days_window`
   * (index only, no grouping, no member joined).
   *
   * With gating modules readiness is the sharing gate (`trainingStatus` of `@heimo/domain`, counted
   * in SQL over the counted members): no module that gates the member lacks a pass of its material
   * version or later, made by `now`, within its validity. The pools are the share rate's denominators
   * (a member able to share: ready now, or shared then — the share command let them), so the rate
   * never passes 1 when training lapsed after a share.
   */
  async members(filter: DashboardFilter, gates: readonly GateRule[], now: Date): Promise<MemberCounts> {
    if (gates.length === 0) {
      const [teams, [sharers]] = await Promise.all([
        this.read<TeamCountRow>(
          `SELECT nullif(c.team_id, '${NO_TEAM}'::uuid) AS "teamId", sum(c.members)::int AS members
             FROM ranked_member_counts c
            WHERE c.organisation_id = $1 AND ($2::uuid IS NULL OR c.team_id = $2::uuid)
              AND ($3::text IS NULL OR c.kind = $3::text)
            GROUP BY c.team_id
           HAVING sum(c.members) <> 0`,
          [filter.organisationId, filter.teamId, filter.kind],
        ),
        this.read<{ active: number; previousActive: number }>(
          `SELECT count(*) FILTER (WHERE s.day >= $4::date AND (s.previous_day IS NULL OR s.previous_day < $4::date))::int AS active,
                  count(*) FILTER (WHERE s.day < $4::date AND (s.previous_day IS NULL OR s.previous_day < $2::date))::int
                    AS "previousActive"
             FROM share_days s
            WHERE s.organisation_id = $1 AND s.network = coalesce($5::text, '*') AND s.ranked
              AND s.day >= $2::date AND s.day <= $3::date
              AND ($6::uuid IS NULL OR s.team_id = $6::uuid) AND ($7::text IS NULL OR s.kind = $7::text)`,
          [
            filter.organisationId,
            filter.previousFrom,
            filter.to,
            filter.from,
            filter.network,
            filter.teamId,
            filter.kind,
          ],
        ),
      ]);
      const members = teams.reduce((sum, row) => sum + row.members, 0);
      return {
        teams,
        active: sharers?.active ?? 0,
        previousActive: sharers?.previousActive ?? 0,
        ready: members,
        pool: members,
        previousPool: members,
      };
    }
    const ready = `'advocate' = ANY(m.roles) AND NOT EXISTS (
           SELECT 1 FROM jsonb_to_recordset($8::jsonb)
                AS g("moduleId" uuid, "materialVersion" int, "validityDays" int, kinds text[], "teamIds" uuid[])
            WHERE m.kind = ANY(g.kinds)
              AND (cardinality(g."teamIds") = 0 OR m.team_id = ANY(g."teamIds"))
              AND NOT EXISTS (
                SELECT 1 FROM training_completions c
                 WHERE c.organisation_id = $1 AND c.member_id = m.id AND c.module_id = g."moduleId"
                   AND c.passed AND c.version >= g."materialVersion" AND c.completed_at <= $9::timestamptz
                   AND (g."validityDays" IS NULL
                        OR $9::timestamptz < c.completed_at + g."validityDays" * interval '86400 seconds')))`;
    const rows = await this.read<TeamMembersRow>(
      `WITH sharers AS (
         SELECT member_id, bool_or(day >= $7::date) AS now, bool_or(day < $7::date) AS before
           FROM daily_stats
          WHERE organisation_id = $1 AND day >= $2::date AND day <= $3::date AND shares > 0
            AND ($4::text IS NULL OR network = $4::text)
          GROUP BY member_id
       ),
       scored AS MATERIALIZED (
         SELECT m.team_id, ${ready} AS ready, coalesce(s.now, false) AS now, coalesce(s.before, false) AS before
           FROM members m LEFT JOIN sharers s ON s.member_id = m.id
          WHERE ${memberScope('$5', '$6')}
       )
       SELECT team_id AS "teamId", count(*)::int AS members,
              count(*) FILTER (WHERE now)::int AS active, count(*) FILTER (WHERE before)::int AS "previousActive",
              count(*) FILTER (WHERE ready)::int AS ready, count(*) FILTER (WHERE ready OR now)::int AS pool,
              count(*) FILTER (WHERE ready OR before)::int AS "previousPool"
         FROM scored
        GROUP BY team_id`,
      [
        filter.organisationId,
        filter.previousFrom,
        filter.to,
        filter.network,
        filter.teamId,
        filter.kind,
        filter.from,
        JSON.stringify(gates),
        now.toISOString(),
      ],
    );
    const total = (key: keyof Omit<TeamMembersRow, 'teamId'>) => rows.reduce((sum, row) => sum + row[key], 0);
    return {
      teams: rows.map((row) => ({ teamId: row.teamId, members: row.members })),
      active: total('active'),
      previousActive: total('previousActive'),
      ready: total('ready'),
      pool: total('pool'),
      previousPool: total('previousPool'),
    };
  }

  /**
   * Members (of the filters) with clicks excluded from points (`daily_stats.excluded_clicks`, local
   * days of the window) or shares flagged on a UTC day of the window (`share_network_days`: at least
   * `rule.minVisitors` unique visitors, the `rule.topNetworks` largest networks holding at least
   * `rule.minShare` of them), most excluded and flagged first.
   */
  anomalies(filter: DashboardFilter, rule: ShareFlagRule, limit: number): Promise<AnomalyRow[]> {
    return this.read(
      `WITH excluded AS (
         SELECT member_id, sum(excluded_clicks)::int AS excluded
           FROM daily_stats
          WHERE organisation_id = $1 AND day >= $2::date AND day <= $3::date AND excluded_clicks > 0
            AND ($4::text IS NULL OR network = $4::text)
          GROUP BY member_id
       ),
       ranked AS (
         SELECT member_id, share_id, day, visitors,
                row_number() OVER (PARTITION BY share_id, day ORDER BY visitors DESC) AS rank,
                sum(visitors) OVER (PARTITION BY share_id, day) AS total
           FROM share_network_days
          WHERE organisation_id = $1 AND day >= $2::date AND day <= $3::date
            AND ($4::text IS NULL OR network = $4::text)
       ),
       share_days AS (
         SELECT member_id, share_id, max(total) AS total, sum(visitors) FILTER (WHERE rank <= $8::int) AS top
           FROM ranked GROUP BY member_id, share_id, day
       ),
       flagged AS (
         SELECT member_id, count(DISTINCT share_id)::int AS shares, max(top::float8 / total) AS top_share
           FROM share_days
          WHERE total >= $7::int AND top >= $9::float8 * total
          GROUP BY member_id
       )
       -- From the few members with anomalies to their rows (by key), never a pass over every member.
       SELECT m.id, m.name, m.team_id AS "teamId", m.leaderboard_opt_out AS "optOut",
              coalesce(x.excluded, 0) AS "excludedClicks", coalesce(x.shares, 0) AS "flaggedShares",
              coalesce(x.top_share, 0)::float8 AS "topNetworksShare"
         FROM (SELECT coalesce(e.member_id, f.member_id) AS member_id, e.excluded, f.shares, f.top_share
                 FROM excluded e FULL JOIN flagged f ON f.member_id = e.member_id) x
         JOIN members m ON m.id = x.member_id
        WHERE ${memberScope('$5', '$6')}
        ORDER BY coalesce(x.shares, 0) DESC, coalesce(x.excluded, 0) DESC, m.name, m.id
        LIMIT $10::int`,
      [
        filter.organisationId,
        filter.from,
        filter.to,
        filter.network,
        filter.teamId,
        filter.kind,
        rule.minVisitors,
        rule.topNetworks,
        rule.minShare,
        limit,
      ],
    );
  }

  /**
   * The window's pack rollups summed per pack (with its title) and per locale, in one pass
   * (`GROUPING SETS`): a row has either `packId` or `locale`. Without a team filter they come from
   * `pack_day_stats` (the ranked members' pack rollups per day, pack, locale, network and kind: no
   * member row joined); a team's from `pack_daily_stats` joined to its members. Packs deleted since
   * are left out, as their rollups went with them.
   */
  packsAndLocales(filter: DashboardFilter): Promise<PackLocaleRow[]> {
    // With a team: its members' pack rollups; without: the per-kind pack days (no member joined).
    const [source, parameters] = filter.teamId
      ? [
          `SELECT p.pack_id, p.locale, p.shares, p.reach, p.clicks, p.unique_clicks, p.previews
             FROM pack_daily_stats p JOIN members m ON m.id = p.member_id
            WHERE p.organisation_id = $1 AND p.day >= $2::date AND p.day <= $3::date
              AND ($4::text IS NULL OR p.network = $4::text) AND ${memberScope('$5', '$6')}`,
          [filter.organisationId, filter.from, filter.to, filter.network, filter.teamId, filter.kind],
        ]
      : [
          `SELECT p.pack_id, p.locale, p.shares, p.reach, p.clicks, p.unique_clicks, p.previews
             FROM pack_day_stats p
            WHERE p.organisation_id = $1 AND p.day >= $2::date AND p.day <= $3::date
              AND ($4::text IS NULL OR p.network = $4::text) AND ($5::text IS NULL OR p.kind = $5::text)`,
          [filter.organisationId, filter.from, filter.to, filter.network, filter.kind],
        ];
    return this.read(
      `WITH sums AS (
         SELECT p.pack_id, p.locale, sum(p.shares)::int AS shares, sum(p.reach)::float8 AS reach,
                sum(p.clicks)::int AS clicks, sum(p.unique_clicks)::int AS "uniqueClicks"
           FROM (${source}) p
          GROUP BY GROUPING SETS ((p.pack_id), (p.locale))
         HAVING sum(p.shares) <> 0 OR sum(p.reach) <> 0 OR sum(p.clicks) <> 0 OR sum(p.unique_clicks) <> 0
             OR sum(p.previews) <> 0
       )
       SELECT s.pack_id AS "packId", k.title, s.locale, s.shares, s.reach, s.clicks, s."uniqueClicks"
         FROM sums s LEFT JOIN packs k ON k.id = s.pack_id
        WHERE s.pack_id IS NULL OR k.id IS NOT NULL`,
      parameters,
    );
  }

  async teams(organisationId: string, teamId: string | null): Promise<{ id: string; name: string }[]> {
    return (await this.dataSource.query(
      `SELECT id, name FROM teams WHERE organisation_id = $1 AND ($2::uuid IS NULL OR id = $2::uuid)`,
      [organisationId, teamId],
    )) as { id: string; name: string }[];
  }

  async organisation(organisationId: string): Promise<{ timezone: string; settings: unknown } | null> {
    const [row] = (await this.dataSource.query(`SELECT timezone, settings FROM organisations WHERE id = $1`, [
      organisationId,
    ])) as { timezone: string; settings: unknown }[];
    return row ?? null;
  }

  /** A read with the leaderboards' planner settings: no JIT (its compile time dwarfs these queries), room to sum. */
  private read<T>(sql: string, parameters: unknown[]): Promise<T[]> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL jit = off`);
      await manager.query(`SET LOCAL work_mem = '64MB'`);
      return (await manager.query(sql, parameters)) as T[];
    });
  }
}
