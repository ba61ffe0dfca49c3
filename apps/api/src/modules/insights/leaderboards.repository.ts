import { boardKindFor, type Period } from '@heimo/domain';
import { Injectable } from '@nestjs/common';
import { mergeSettings } from '../organisations/organisation-settings.defaults';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { MemberKind } from '../members/entities/member.entity';
import { rankedMemberSql } from '../members/ranked-members';
import type { LeaderboardMetric } from './dto/leaderboard.dto';
import { type QueryStreamOptions, streamRows } from '../../infra/database/query-stream';
import { dayPieces } from './period-pieces';
import { callerSnapshot } from '../../infra/http/request-context';

/** Which rollup column each metric sums; the only text spliced into the SQL below. */
const METRIC_COLUMN: Readonly<Record<LeaderboardMetric, string>> = {
  points: 'points',
  reach: 'reach',
  clicks: 'clicks',
  shares: 'shares',
  verified_reach: 'verified_reach',
  engagement: 'engagement',
};

export interface RollupFilter {
  readonly organisationId: string;
  readonly from: string | null;
  readonly to: string;
  readonly network: string | null;
  readonly kind: MemberKind | null;
  readonly metric: LeaderboardMetric;
}

export interface Figures {
  shares: number;
  reach: number;
  clicks: number;
  uniqueClicks: number;
  points: number;
}

export interface MemberRankRow extends Figures {
  id: string;
  value: number;
  rank: number;
  position: number;
  total: number;
  name: string;
  teamId: string | null;
  optOut: boolean;
}

/** A row of the streamed board: ranked over the whole board, with the team's name for the export. */
export interface StreamedBoardRow extends Figures {
  rank: number;
  position: number;
  id: string;
  name: string;
  teamName: string | null;
  optOut: boolean;
}

export interface TeamTotalsRow extends Figures {
  id: string;
  name: string;
  members: number;
  value: number;
}

/** `period_stats.period_start` of the `all` period; `network` of the rows over all networks. */
const ALL_TIME_START = '0001-01-01';
const ALL_NETWORKS = '*';

type BoardFigures = Figures & { id: string; value: number };

/** A board row's member and figures, without the statement's bookkeeping columns. */
const person = <T extends BoardFigures & { name: string; teamId: string | null; optOut: boolean }>(
  row: T,
): BoardFigures & { name: string; teamId: string | null; optOut: boolean } => ({
  id: row.id,
  shares: row.shares,
  reach: row.reach,
  clicks: row.clicks,
  uniqueClicks: row.uniqueClicks,
  points: row.points,
  value: row.value,
  name: row.name,
  teamId: row.teamId,
  optOut: row.optOut,
});

/** Who is ranked and counted in a team: active advocates (`isRankedMember`, `@heimo/domain`). */
const RANKED = rankedMemberSql('m');

/** The period's sums per member from the daily rollups ($1 organisation, $2 from, $3 to, $4 network). */
const MEMBER_TOTALS = `
  SELECT member_id, sum(shares)::int AS shares, sum(reach)::float8 AS reach, sum(clicks)::int AS clicks,
         sum(unique_clicks)::int AS unique_clicks, sum(points)::int AS points,
         sum(verified_reach)::float8 AS verified_reach, sum(engagement)::float8 AS engagement
    FROM daily_stats
   WHERE organisation_id = $1 AND ($2::date IS NULL OR day >= $2::date) AND day <= $3::date
     AND ($4::text IS NULL OR network = $4::text)
   GROUP BY member_id`;

/**
 * A calendar period's sums per member from the period rollups ($1 organisation, $2 period kind, $3 its
 * first day, $4 network or `*`): one row per member, read from the primary key's range, no sum.
 */
const PERIOD_TOTALS = `
  SELECT member_id, shares, reach::float8 AS reach, clicks, unique_clicks, points, verified_reach, engagement
    FROM period_stats
   WHERE organisation_id = $1 AND period_kind = $2 AND period_start = $3::date AND network = $4`;

/** The parameters of {@link PERIOD_TOTALS} for a board's period (`from` null: `all`). */
const periodKey = (
  filter: Pick<RollupFilter, 'organisationId' | 'from' | 'network'> & { period: Period },
) => [filter.organisationId, filter.period, filter.from ?? ALL_TIME_START, filter.network ?? ALL_NETWORKS];

/**
 * Leaderboards read `daily_stats` or `period_stats`, never raw events. Only active advocates are ranked; people without
 * the advocate role, invited, deactivated and erased members (an erased member is deactivated) are
 * left out, advocates without figures rank with zeros.
 */
@Injectable()
export class LeaderboardsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The first `limit` members in order and the caller's row. Ranks of the first rows come from a
   * window over those rows only (they are a prefix of the order, so nothing above them is missing);
   * the caller's rank counts the members above them. No sort of the whole board is needed.
   */
  async rankMembers(
    filter: RollupFilter & { teamId: string | null; limit: number; callerId: string },
  ): Promise<MemberRankRow[]> {
    const value = METRIC_COLUMN[filter.metric];
    return this.read(
      `WITH totals AS (${MEMBER_TOTALS}),
       board AS MATERIALIZED (
         SELECT m.id, coalesce(t.shares, 0) AS shares, coalesce(t.reach, 0) AS reach,
                coalesce(t.clicks, 0) AS clicks, coalesce(t.unique_clicks, 0) AS "uniqueClicks",
                coalesce(t.points, 0) AS points, coalesce(t.${value}, 0)::float8 AS value
           FROM members m LEFT JOIN totals t ON t.member_id = m.id
          WHERE m.organisation_id = $1 AND ${RANKED}
            AND ($5::uuid IS NULL OR m.team_id = $5::uuid) AND ($6::text IS NULL OR m.kind = $6::text)
       ),
       top AS (SELECT * FROM board ORDER BY value DESC, id LIMIT $7),
       me AS (SELECT * FROM board WHERE id = $8::uuid),
       stats AS (
         SELECT count(*)::int AS total,
                (count(*) FILTER (WHERE b.value > (SELECT value FROM me)) + 1)::int AS me_rank,
                (count(*) FILTER (WHERE b.value > (SELECT value FROM me)
                   OR (b.value = (SELECT value FROM me) AND b.id < (SELECT id FROM me))) + 1)::int AS me_position
           FROM board b
       ),
       picked AS (
         SELECT top.*, (rank() OVER (ORDER BY top.value DESC))::int AS rank,
                (row_number() OVER (ORDER BY top.value DESC, top.id))::int AS position
           FROM top
         UNION ALL
         SELECT me.*, stats.me_rank, stats.me_position FROM me, stats
       )
       SELECT p.*, stats.total, m.name, m.team_id AS "teamId", m.leaderboard_opt_out AS "optOut"
         FROM picked p JOIN members m ON m.id = p.id CROSS JOIN stats
        ORDER BY p.position`,
      [
        filter.organisationId,
        filter.from,
        filter.to,
        filter.network,
        filter.teamId,
        filter.kind,
        filter.limit,
        filter.callerId,
      ],
    );
  }

  /**
   * The same answer as {@link rankMembers}, read from `period_stats` (a calendar period to date): the
   * top rows are a range of the board's index in value order, the caller's rank counts the rows above
   * them, and who may appear (`ranked`, `kind`, `team_id`) is on each row, so no row needs a join.
   * Members without figures rank last with zeros, by id; they are read from `members` only when the
   * top is not full of members with figures, or for a caller who has none.
   */
  async rankMembersByPeriod(
    filter: RollupFilter & { period: Period; teamId: string | null; limit: number; callerId: string },
  ): Promise<MemberRankRow[]> {
    const value = METRIC_COLUMN[filter.metric];
    const key = [
      filter.organisationId,
      filter.period,
      filter.from ?? ALL_TIME_START,
      filter.network ?? ALL_NETWORKS,
      filter.teamId,
      filter.kind,
    ];
    const board = `p.organisation_id = $1 AND p.period_kind = $2 AND p.period_start = $3::date AND p.network = $4
       AND p.ranked AND ($5::uuid IS NULL OR p.team_id = $5::uuid) AND ($6::text IS NULL OR p.kind = $6::text)`;
    const members = `m.organisation_id = $1 AND ${RANKED}
       AND ($5::uuid IS NULL OR m.team_id = $5::uuid) AND ($6::text IS NULL OR m.kind = $6::text)`;
    const counted = `c.organisation_id = $1 AND ($5::uuid IS NULL OR c.team_id = $5::uuid)
       AND ($6::text IS NULL OR c.kind = $6::text)`;
    const figures = `p.shares, p.reach::float8 AS reach, p.clicks, p.unique_clicks AS "uniqueClicks", p.points,
       p.${value}::float8 AS value`;
    const orZeros = `coalesce(p.shares, 0) AS shares, coalesce(p.reach, 0)::float8 AS reach,
       coalesce(p.clicks, 0) AS clicks, coalesce(p.unique_clicks, 0) AS "uniqueClicks",
       coalesce(p.points, 0) AS points, coalesce(p.${value}, 0)::float8 AS value`;
    // One statement (one snapshot, one round trip): the top, members without figures when the top is
    // not full (a one-time filter: not read otherwise), the caller, the counts, and names for those rows.
    const rows = (await this.dataSource.query(
      `WITH top AS MATERIALIZED (
         SELECT p.member_id AS id, ${figures} FROM period_stats p
          WHERE ${board} AND p.${value} > 0
          ORDER BY p.${value} DESC, p.member_id LIMIT $7
       ),
       rest AS MATERIALIZED (
         SELECT m.id, ${orZeros}
           FROM members m
           LEFT JOIN period_stats p ON p.organisation_id = $1 AND p.period_kind = $2 AND p.period_start = $3::date
                AND p.network = $4 AND p.member_id = m.id
          WHERE (SELECT count(*) FROM top) < $7 AND ${members} AND coalesce(p.${value}, 0) = 0
          ORDER BY m.id LIMIT greatest($7 - (SELECT count(*) FROM top), 0)
       ),
       me AS MATERIALIZED (
         SELECT m.id, ${orZeros}, coalesce(p.${value}, 0) AS exact
           FROM members m
           LEFT JOIN period_stats p ON p.organisation_id = $1 AND p.period_kind = $2 AND p.period_start = $3::date
                AND p.network = $4 AND p.member_id = m.id
          WHERE m.id = $8::uuid AND ${members}
       ),
       stats AS MATERIALIZED (
         -- The caller's value in the column's own type, so the counts read index ranges.
         SELECT (SELECT coalesce(sum(c.members), 0) FROM ranked_member_counts c WHERE ${counted})::int AS total,
                (SELECT count(*) FROM period_stats p WHERE ${board} AND p.${value} > (SELECT exact FROM me))::int AS above,
                CASE WHEN (SELECT exact FROM me) > 0
                  THEN (SELECT count(*) FROM period_stats p
                         WHERE ${board} AND p.${value} = (SELECT exact FROM me) AND p.member_id < $8::uuid)
                  ELSE (SELECT count(*) FROM members m WHERE ${members} AND m.id < $8::uuid)
                     - (SELECT count(*) FROM period_stats p WHERE ${board} AND p.${value} > 0 AND p.member_id < $8::uuid)
                END::int AS before
       )
       SELECT x.part, x.id, x.shares, x.reach, x.clicks, x."uniqueClicks", x.points, x.value,
              n.name, n.team_id AS "teamId", n.leaderboard_opt_out AS "optOut", s.total, s.above, s.before
         FROM (SELECT 1 AS part, * FROM top UNION ALL SELECT 2, * FROM rest
               UNION ALL SELECT 3, id, shares, reach, clicks, "uniqueClicks", points, value FROM me) x
         JOIN members n ON n.id = x.id
        CROSS JOIN stats s
        ORDER BY x.part, x.value DESC, x.id`,
      [...key, filter.limit, filter.callerId],
    )) as (BoardFigures & {
      part: number;
      name: string;
      teamId: string | null;
      optOut: boolean;
      total: number;
      above: number | null;
      before: number | null;
    })[];
    const total = rows[0]?.total ?? 0;
    const picked: MemberRankRow[] = [];
    const top = rows.filter((row) => row.part !== 3);
    top.forEach((row, i) => {
      const previous = picked[i - 1];
      const rank = previous && previous.value === row.value ? previous.rank : i + 1;
      picked.push({ ...person(row), rank, position: i + 1, total });
    });
    const me = rows.find((row) => row.part === 3);
    // `before`: members of the same value ahead by id (with zero: every member without figures ahead
    // by id, after all with figures).
    if (me)
      picked.push({
        ...person(me),
        rank: (me.above ?? 0) + 1,
        position: (me.above ?? 0) + (me.before ?? 0) + 1,
        total,
      });
    return picked.sort((a, b) => a.position - b.position);
  }

  /**
   * The first `limit` members by points over any days (`from`–`to`, `today` the organisation's): the
   * days split into whole calendar periods (`period_stats` rows) and edge days (`daily_stats`,
   * `dayPieces`). Fagin's threshold rule: the first `depth` members of each piece by points (a range of
   * the board's index for a period) are the candidates, their exact sums over all pieces are read,
   * and a member seen in no list has at most the sum of each list's last value (0 for a list read to
   * its end). When the `limit`-th candidate is above that bound, the candidates' order is the board's;
   * else deeper lists are read. Null when the members with points are too few to fill the top (members
   * without figures rank by id then: {@link rankMembers} answers that). Points are never negative.
   */
  async topByPointsOverDays(
    filter: Omit<RollupFilter, 'metric' | 'from'> & {
      from: string;
      today: string;
      teamId: string | null;
      limit: number;
    },
  ): Promise<Omit<MemberRankRow, 'total'>[] | null> {
    const pieces = dayPieces(filter.from, filter.to, filter.today);
    const kinds = pieces.periods.map((piece) => piece.kind);
    const starts = pieces.periods.map((piece) => piece.start);
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await manager.query(`SET LOCAL jit = off`);
      for (let depth = Math.max(4 * filter.limit, 50); depth <= 3_200; depth *= 4) {
        const lists = (await manager.query(
          `SELECT q.piece::int AS piece, x.member_id AS id, x.points
             FROM unnest($2::text[], $3::date[]) WITH ORDINALITY AS q(kind, start, piece)
            CROSS JOIN LATERAL (
              SELECT p.member_id, p.points FROM period_stats p
               WHERE p.organisation_id = $1 AND p.period_kind = q.kind AND p.period_start = q.start
                 AND p.network = $4 AND p.ranked AND ($5::uuid IS NULL OR p.team_id = $5::uuid)
                 AND ($6::text IS NULL OR p.kind = $6::text) AND p.points > 0
               ORDER BY p.points DESC, p.member_id LIMIT $7) x
           UNION ALL
           SELECT 0, e.member_id, e.points FROM (
             SELECT d.member_id, sum(d.points)::int AS points
               FROM daily_stats d JOIN members m ON m.id = d.member_id
              WHERE d.organisation_id = $1 AND d.day = ANY($8::date[]) AND ($9::text IS NULL OR d.network = $9::text)
                AND m.organisation_id = $1 AND ${RANKED}
                AND ($5::uuid IS NULL OR m.team_id = $5::uuid) AND ($6::text IS NULL OR m.kind = $6::text)
              GROUP BY d.member_id HAVING sum(d.points) > 0
              ORDER BY 2 DESC, 1 LIMIT $7) e`,
          [
            filter.organisationId,
            kinds,
            starts,
            filter.network ?? ALL_NETWORKS,
            filter.teamId,
            filter.kind,
            depth,
            pieces.days,
            filter.network,
          ],
        )) as { piece: number; id: string; points: number }[];
        // The bound on anyone unseen: each list's last value, or 0 for a list read to its end.
        const last = new Map<number, { count: number; points: number }>();
        for (const row of lists) {
          const seen = last.get(row.piece) ?? { count: 0, points: row.points };
          last.set(row.piece, { count: seen.count + 1, points: Math.min(seen.points, row.points) });
        }
        let bound = 0;
        for (const list of last.values()) if (list.count >= depth) bound += list.points;
        const candidates = [...new Set(lists.map((row) => row.id))];
        const exact = (
          (await manager.query(
            `SELECT v.member_id AS id, sum(v.shares)::int AS shares, sum(v.reach)::float8 AS reach,
                    sum(v.clicks)::int AS clicks, sum(v.unique_clicks)::int AS "uniqueClicks",
                    sum(v.points)::int AS points
               FROM (
                 SELECT p.member_id, p.shares, p.reach, p.clicks, p.unique_clicks, p.points
                   FROM period_stats p
                   JOIN unnest($2::text[], $3::date[]) AS q(kind, start)
                     ON p.period_kind = q.kind AND p.period_start = q.start
                  WHERE p.organisation_id = $1 AND p.network = $4 AND p.member_id = ANY($5::uuid[])
                 UNION ALL
                 SELECT d.member_id, d.shares, d.reach, d.clicks, d.unique_clicks, d.points
                   FROM daily_stats d
                  WHERE d.organisation_id = $1 AND d.member_id = ANY($5::uuid[]) AND d.day = ANY($6::date[])
                    AND ($7::text IS NULL OR d.network = $7::text)
               ) v
              GROUP BY v.member_id`,
            [
              filter.organisationId,
              kinds,
              starts,
              filter.network ?? ALL_NETWORKS,
              candidates,
              pieces.days,
              filter.network,
            ],
          )) as (Figures & { id: string })[]
        )
          .map((row) => ({ ...row, value: row.points }))
          .sort((a, b) => b.value - a.value || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
        const everyListRead = bound === 0 && [...last.values()].every((list) => list.count < depth);
        const enough = exact.length >= filter.limit;
        if (!enough && everyListRead) return null;
        const top = exact.slice(0, filter.limit);
        // Only a `limit`-th value above anything unseen settles the top (ties included).
        if (!enough || (top[top.length - 1]?.value ?? 0) <= bound) continue;
        const people = (await manager.query(
          `SELECT id, name, team_id AS "teamId", leaderboard_opt_out AS "optOut" FROM members WHERE id = ANY($1::uuid[])`,
          [top.map((row) => row.id)],
        )) as { id: string; name: string; teamId: string | null; optOut: boolean }[];
        const byId = new Map(people.map((person) => [person.id, person]));
        let rank = 0;
        return top.map((row, i) => {
          if (i === 0 || row.value !== top[i - 1]?.value) rank = i + 1;
          const person = byId.get(row.id);
          if (!person) throw new Error(`ranked member ${row.id} has no row`);
          return { ...row, ...person, rank, position: i + 1 };
        });
      }
      return null;
    });
  }

  /**
   * The whole member board ranked by `RANK()` over every member (the same order and ranks as
   * {@link rankMembers}), read through a cursor for the CSV export: a board of 100,000 members is
   * never held in memory, nor kept in the {@link BoardCache}.
   */
  streamBoard(
    filter: RollupFilter & { period: Period; teamId: string | null },
    options: QueryStreamOptions = {},
  ): AsyncGenerator<StreamedBoardRow> {
    const value = METRIC_COLUMN[filter.metric];
    return streamRows<StreamedBoardRow>(
      this.dataSource,
      `WITH totals AS (${PERIOD_TOTALS}),
       board AS (
         SELECT m.id, m.name, m.team_id, m.leaderboard_opt_out AS "optOut",
                coalesce(t.shares, 0) AS shares, coalesce(t.reach, 0) AS reach, coalesce(t.clicks, 0) AS clicks,
                coalesce(t.unique_clicks, 0) AS "uniqueClicks", coalesce(t.points, 0) AS points,
                coalesce(t.${value}, 0)::float8 AS value
           FROM members m LEFT JOIN totals t ON t.member_id = m.id
          WHERE m.organisation_id = $1 AND ${RANKED}
            AND ($5::uuid IS NULL OR m.team_id = $5::uuid) AND ($6::text IS NULL OR m.kind = $6::text)
       )
       SELECT (rank() OVER (ORDER BY b.value DESC))::int AS rank,
              (row_number() OVER (ORDER BY b.value DESC, b.id))::int AS position,
              b.id, b.name, tm.name AS "teamName", b."optOut", b.shares, b.reach, b.clicks, b."uniqueClicks", b.points
         FROM board b LEFT JOIN teams tm ON tm.id = b.team_id
        ORDER BY position`,
      [...periodKey(filter), filter.teamId, filter.kind],
      options,
    );
  }

  async activeMembers(organisationId: string): Promise<number> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS n FROM members WHERE organisation_id = $1 AND status = 'active'`,
      [organisationId],
    )) as { n: number }[];
    return row?.n ?? 0;
  }

  /**
   * Every team of the organisation with its ranked members' sums (teams without any: zeros) over a
   * calendar period to date: the period rows carry who may appear (`ranked`, `kind`, `team_id`), so the
   * sums need no member row; the members per team are the kept counters of `ranked_member_counts`.
   */
  async teamTotals(filter: RollupFilter & { period: Period }): Promise<TeamTotalsRow[]> {
    const value = METRIC_COLUMN[filter.metric];
    return this.read(
      `WITH sums AS (
         SELECT p.team_id, sum(p.shares)::int AS shares, sum(p.reach)::float8 AS reach, sum(p.clicks)::int AS clicks,
                sum(p.unique_clicks)::int AS "uniqueClicks", sum(p.points)::int AS points,
                sum(p.${value})::float8 AS value
           FROM period_stats p
          WHERE p.organisation_id = $1 AND p.period_kind = $2 AND p.period_start = $3::date AND p.network = $4
            AND p.ranked AND p.team_id IS NOT NULL AND ($5::text IS NULL OR p.kind = $5::text)
          GROUP BY p.team_id
       ),
       counts AS (
         SELECT c.team_id, sum(c.members)::int AS members
           FROM ranked_member_counts c
          WHERE c.organisation_id = $1 AND ($5::text IS NULL OR c.kind = $5::text)
          GROUP BY c.team_id
       )
       SELECT tm.id, tm.name, coalesce(c.members, 0) AS members,
              coalesce(s.shares, 0) AS shares, coalesce(s.reach, 0)::float8 AS reach,
              coalesce(s.clicks, 0) AS clicks, coalesce(s."uniqueClicks", 0) AS "uniqueClicks",
              coalesce(s.points, 0) AS points, coalesce(s.value, 0)::float8 AS value
         FROM teams tm
         LEFT JOIN counts c ON c.team_id = tm.id
         LEFT JOIN sums s ON s.team_id = tm.id
        WHERE tm.organisation_id = $1`,
      [...periodKey(filter), filter.kind],
    );
  }

  /**
   * A read of the rollups, in a transaction of its own for two planner settings: no JIT (its compile
   * time, seconds on a busy machine, dwarfs these queries) and enough memory to sum a month of a large
   * organisation's rollups without spilling to disk.
   */
  private read<T>(sql: string, parameters: unknown[]): Promise<T[]> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL jit = off`);
      await manager.query(`SET LOCAL work_mem = '64MB'`);
      return (await manager.query(sql, parameters)) as T[];
    });
  }

  async timezoneOf(organisationId: string): Promise<string | null> {
    const [row] = (await this.dataSource.query(`SELECT timezone FROM organisations WHERE id = $1`, [
      organisationId,
    ])) as { timezone: string }[];
    return row?.timezone ?? null;
  }

  /**
   * The member kind a viewer's boards are limited to (`boardKindFor` of @heimo/domain): the filter
   * asked for, or `fan` for a fan while the organisation shows fans the fans' board only.
   */
  async boardKindFor(
    organisationId: string,
    memberId: string,
    requested: MemberKind | null,
  ): Promise<MemberKind | null> {
    const snapshot = callerSnapshot(organisationId, memberId);
    if (snapshot)
      return boardKindFor(
        snapshot.member.kind,
        mergeSettings(snapshot.organisation.settings).fanBoard,
        requested,
      );
    const [row] = (await this.dataSource.query(
      `SELECT m.kind, o.settings FROM members m JOIN organisations o ON o.id = m.organisation_id
        WHERE m.id = $1 AND m.organisation_id = $2`,
      [memberId, organisationId],
    )) as { kind: MemberKind; settings: unknown }[];
    if (!row) return requested;
    return boardKindFor(row.kind, mergeSettings(row.settings).fanBoard, requested);
  }

  async teamExists(organisationId: string, teamId: string): Promise<boolean> {
    const rows = (await this.dataSource.query(`SELECT 1 FROM teams WHERE id = $1 AND organisation_id = $2`, [
      teamId,
      organisationId,
    ])) as unknown[];
    return rows.length > 0;
  }

  async teamOf(organisationId: string, memberId: string): Promise<string | null> {
    const [row] = (await this.dataSource.query(
      `SELECT team_id AS "teamId" FROM members WHERE id = $1 AND organisation_id = $2`,
      [memberId, organisationId],
    )) as { teamId: string | null }[];
    return row?.teamId ?? null;
  }

  async optOutOf(organisationId: string, memberId: string): Promise<boolean | null> {
    const [row] = (await this.dataSource.query(
      `SELECT leaderboard_opt_out AS "optOut" FROM members WHERE id = $1 AND organisation_id = $2`,
      [memberId, organisationId],
    )) as { optOut: boolean }[];
    return row?.optOut ?? null;
  }

  async setOptOut(organisationId: string, memberId: string, optOut: boolean): Promise<boolean> {
    const [rows] = (await this.dataSource.query(
      `UPDATE members SET leaderboard_opt_out = $3, version = version + 1, updated_at = now()
        WHERE id = $1 AND organisation_id = $2 RETURNING id`,
      [memberId, organisationId, optOut],
    )) as [unknown[], number];
    return rows.length > 0;
  }
}
