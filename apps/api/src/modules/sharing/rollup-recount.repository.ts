import { NO_NETWORK } from '@heimo/domain';

/** A TypeORM manager, or anything with a `query` that resolves to rows (the ingest benchmark's pg client). */
export interface Queryable {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- TypeORM's own signature
  query(sql: string, parameters?: unknown[]): Promise<any>;
}

export interface DailyStatRow {
  organisationId: string;
  memberId: string;
  day: string;
  network: string;
  shares: number;
  clicks: number;
  uniqueClicks: number;
  previews: number;
  reach: number;
  points: number;
  /** Unique clicks that earned no points (`click_events.excluded_reason`). */
  excludedClicks: number;
  /** Followers at share time of the credited shares whose post was found (connections module). */
  verifiedReach: number;
  /** Likes + reposts + replies + quotes of those shares' posts at their latest collection. */
  engagement: number;
}

/**
 * Which days a comparison covers. Raw click events of months the retention job dropped are gone
 * (`click_retention_log`, status `dropped`; always the oldest months, a prefix), so their rollups are
 * the record: both sides leave out every day that begins before the end of the newest dropped month
 * (local days in the organisation's time zone for `daily_stats` and `pack_daily_stats`, UTC days for
 * `share_network_days`), the day straddling that instant included. `until` (an ISO instant) also leaves
 * out the days beginning at or after it: the retention job's check of one month.
 */
export interface RecountSpan {
  readonly until?: string;
}

/** `since` (the retention horizon, or -infinity) and `until` (the parameter `until`, or infinity). */
const spanCte = (until: string) => `span AS (
  SELECT coalesce((SELECT (max(month) + interval '1 month')::timestamp AT TIME ZONE 'UTC'
                     FROM click_retention_log WHERE status = 'dropped'), '-infinity'::timestamptz) AS since,
         coalesce(${until}::timestamptz, 'infinity'::timestamptz) AS until
)`;

/** The local day `day` (a date column) of an organisation of time zone `tz` lies in the span. */
const inSpan = (day: string, tz: string) =>
  `(${day}::timestamp AT TIME ZONE ${tz}) >= (SELECT since FROM span) AND (${day}::timestamp AT TIME ZONE ${tz}) < (SELECT until FROM span)`;

const COLUMNS = `organisation_id AS "organisationId", member_id AS "memberId", to_char(day, 'YYYY-MM-DD') AS day,
  network, shares::int, clicks::int, unique_clicks::int AS "uniqueClicks", previews::int, reach::float8 AS reach, points::int,
  excluded_clicks::int AS "excludedClicks", verified_reach::float8 AS "verifiedReach", engagement::float8 AS engagement`;

/**
 * The rollups as stored, for one organisation (or all), in a stable order. Tests and the ingest
 * benchmark compare it with {@link recountDailyStats}.
 */
export async function storedDailyStats(
  manager: Queryable,
  organisationId?: string,
  span: RecountSpan = {},
): Promise<DailyStatRow[]> {
  return manager.query(
    `WITH ${spanCte('$2')}
     SELECT ${COLUMNS} FROM daily_stats
      WHERE ($1::uuid IS NULL OR organisation_id = $1) AND (shares, clicks, unique_clicks, previews, reach, points, excluded_clicks, verified_reach, engagement) <> (0, 0, 0, 0, 0, 0, 0, 0, 0)
        AND ${inSpan('day', '(SELECT timezone FROM organisations o WHERE o.id = organisation_id)')}
      ORDER BY 1, 2, 3, 4`,
    [organisationId ?? null, span.until ?? null],
  );
}

/**
 * The rollups computed again from the raw rows: shares and reach from the credited `shares`
 * (`credited`, decided by `decideShareCredit` when each was made, less those whose verification on a
 * connected network was settled `revoked`: connections module, counted on no day), clicks, unique clicks and
 * previews from `click_events`, points as the organisation's share points per credited share plus,
 * per credit group (a member's shares of one pack on one network), each unique click not excluded
 * (`excluded_reason`, as the click worker decided and stored it) in time order on a share that earns
 * click points (not beyond the daily cap) earning what the cap leaves, excluded clicks counted apart,
 * plus the organisation's training points for each member's first pass of each module, whatever its
 * version (`training_completions`, on
 * the pass's day, network `NO_NETWORK`), and the points each accepted suggestion credited
 * (`suggestions.points`, as it was credited, on the decision's day, network `NO_NETWORK`); verified
 * reach (`share_verifications.followers_at_share`) and engagement (the latest
 * `share_engagement_snapshots` row's likes + reposts + replies + quotes; a deleted post's last one
 * repeats its figures) of the counted shares whose verification is `verified`, on the share's day. It equals the stored rollups when clicks were stored in
 * time order under unchanged points rules (the rule: "a number shown on a dashboard can be
 * recomputed from the raw events"). Only the days of {@link RecountSpan} are compared; a credit
 * group's clicks in dropped months still count towards its cap (`click_retention_groups`).
 */
export async function recountDailyStats(
  manager: Queryable,
  organisationId?: string,
  span: RecountSpan = {},
): Promise<DailyStatRow[]> {
  return manager.query(
    `WITH ${spanCte('$3')},
     rules AS (
       SELECT id, timezone,
              coalesce(CASE WHEN jsonb_typeof(settings #> '{points,share}') = 'number' THEN (settings #>> '{points,share}')::int END, 10) AS share_points,
              coalesce(CASE WHEN jsonb_typeof(settings #> '{points,uniqueClick}') = 'number' THEN (settings #>> '{points,uniqueClick}')::int END, 2) AS click_points,
              coalesce(CASE WHEN jsonb_typeof(settings #> '{points,uniqueClickCapPerShare}') = 'number' THEN (settings #>> '{points,uniqueClickCapPerShare}')::int END, 100) AS cap,
              coalesce(CASE WHEN jsonb_typeof(settings #> '{points,trainingPassed}') = 'number' THEN (settings #>> '{points,trainingPassed}')::int END, 25) AS training_points
         FROM organisations WHERE ($1::uuid IS NULL OR id = $1)
     ),
     share_rows AS (
       SELECT s.organisation_id, s.member_id, (s.created_at AT TIME ZONE r.timezone)::date AS day, s.network,
              c.counts::int AS shares, 0 AS clicks, 0 AS unique_clicks, 0 AS previews,
              CASE WHEN c.counts THEN s.audience_size::bigint ELSE 0 END AS reach,
              CASE WHEN c.counts THEN r.share_points ELSE 0 END AS points,
              0 AS excluded_clicks,
              CASE WHEN c.counts AND v.status = 'verified' THEN v.followers_at_share::bigint ELSE 0 END AS verified_reach,
              CASE WHEN c.counts AND v.status = 'verified' THEN coalesce(l.total, 0) ELSE 0 END AS engagement
         FROM shares s JOIN rules r ON r.id = s.organisation_id
         LEFT JOIN share_verifications v ON v.share_id = s.id
         LEFT JOIN LATERAL (
           SELECT (likes + reposts + replies + quotes)::bigint AS total FROM share_engagement_snapshots e
            WHERE e.share_id = s.id ORDER BY e.collected_at DESC, e.id LIMIT 1
         ) l ON v.status = 'verified'
         CROSS JOIN LATERAL (SELECT s.credited AND v.revoked IS NOT TRUE AS counts) c
     ),
     clicks AS (
       SELECT e.*, coalesce(s.credit_group_id, s.id) AS credit_group,
              e.is_unique AND e.excluded_reason IS NULL AND s.uncredited_reason IS DISTINCT FROM 'daily_cap' AS earns
         FROM click_events e JOIN shares s ON s.id = e.share_id
        WHERE e.occurred_at >= (SELECT since FROM span) AND e.occurred_at < (SELECT until FROM span) + interval '2 days'
     ),
     ranked AS (
       SELECT e.*, r.timezone, r.click_points, r.cap,
              CASE WHEN e.earns THEN coalesce(g.earning_clicks, 0)
                     + row_number() OVER (PARTITION BY e.credit_group, e.earns ORDER BY e.occurred_at, e.id) END AS nth
         FROM clicks e JOIN rules r ON r.id = e.organisation_id
         LEFT JOIN click_retention_groups g ON g.credit_group_id = e.credit_group
     ),
     click_rows AS (
       SELECT organisation_id, member_id, (occurred_at AT TIME ZONE timezone)::date AS day, network,
              0 AS shares, (NOT is_preview)::int AS clicks, is_unique::int AS unique_clicks, is_preview::int AS previews,
              0::bigint AS reach,
              CASE WHEN earns THEN greatest(0, least(click_points, cap - click_points * (nth::int - 1))) ELSE 0 END AS points,
              (excluded_reason IS NOT NULL)::int AS excluded_clicks, 0::bigint AS verified_reach, 0::bigint AS engagement
         FROM ranked
     ),
     first_passes AS (
       SELECT DISTINCT ON (c.member_id, c.module_id) c.organisation_id, c.member_id, c.completed_at
         FROM training_completions c JOIN rules r ON r.id = c.organisation_id
        WHERE c.passed
        ORDER BY c.member_id, c.module_id, c.completed_at, c.id
     ),
     training_rows AS (
       SELECT p.organisation_id, p.member_id, (p.completed_at AT TIME ZONE r.timezone)::date AS day, $2::text AS network,
              0 AS shares, 0 AS clicks, 0 AS unique_clicks, 0 AS previews, 0::bigint AS reach, r.training_points AS points,
              0 AS excluded_clicks, 0::bigint AS verified_reach, 0::bigint AS engagement
         FROM first_passes p JOIN rules r ON r.id = p.organisation_id
        WHERE r.training_points <> 0
     ),
     suggestion_rows AS (
       SELECT s.organisation_id, s.member_id, (s.decided_at AT TIME ZONE r.timezone)::date AS day, $2::text AS network,
              0 AS shares, 0 AS clicks, 0 AS unique_clicks, 0 AS previews, 0::bigint AS reach, s.points AS points,
              0 AS excluded_clicks, 0::bigint AS verified_reach, 0::bigint AS engagement
         FROM suggestions s JOIN rules r ON r.id = s.organisation_id
        WHERE s.status = 'accepted' AND s.points <> 0
     )
     SELECT organisation_id AS "organisationId", member_id AS "memberId", to_char(day, 'YYYY-MM-DD') AS day, network,
            sum(shares)::int AS shares, sum(clicks)::int AS clicks, sum(unique_clicks)::int AS "uniqueClicks",
            sum(previews)::int AS previews, sum(reach)::float8 AS reach, sum(points)::int AS points,
            sum(excluded_clicks)::int AS "excludedClicks", sum(verified_reach)::float8 AS "verifiedReach",
            sum(engagement)::float8 AS engagement
       FROM (SELECT * FROM share_rows UNION ALL SELECT * FROM click_rows UNION ALL SELECT * FROM training_rows
             UNION ALL SELECT * FROM suggestion_rows) rows
       JOIN rules tz ON tz.id = rows.organisation_id
      WHERE ${inSpan('rows.day', 'tz.timezone')}
      GROUP BY 1, 2, 3, 4
     -- A day of shares that earned no credit only has no row, as in the stored rollups.
     HAVING (sum(shares), sum(clicks), sum(unique_clicks), sum(previews), sum(reach), sum(points), sum(verified_reach),
             sum(engagement)) <> (0, 0, 0, 0, 0, 0, 0, 0)
      ORDER BY 1, 2, 3, 4`,
    [organisationId ?? null, NO_NETWORK, span.until ?? null],
  );
}

export interface PackDailyStatRow {
  organisationId: string;
  packId: string;
  memberId: string;
  day: string;
  network: string;
  locale: string;
  shares: number;
  clicks: number;
  uniqueClicks: number;
  previews: number;
  reach: number;
}

const PACK_COLUMNS = `organisation_id AS "organisationId", pack_id AS "packId", member_id AS "memberId",
  to_char(day, 'YYYY-MM-DD') AS day, network, locale, shares::int, clicks::int, unique_clicks::int AS "uniqueClicks",
  previews::int, reach::float8 AS reach`;

/** The pack rollups as stored, for one organisation (or all), in a stable order. */
export async function storedPackDailyStats(
  manager: Queryable,
  organisationId?: string,
  span: RecountSpan = {},
): Promise<PackDailyStatRow[]> {
  return manager.query(
    `WITH ${spanCte('$2')}
     SELECT ${PACK_COLUMNS} FROM pack_daily_stats
      WHERE ($1::uuid IS NULL OR organisation_id = $1) AND (shares, clicks, unique_clicks, previews, reach) <> (0, 0, 0, 0, 0)
        AND ${inSpan('day', '(SELECT timezone FROM organisations o WHERE o.id = organisation_id)')}
      ORDER BY 1, 2, 3, 4, 5, 6`,
    [organisationId ?? null, span.until ?? null],
  );
}

/**
 * The pack rollups computed again from the raw rows: shares and reach from the credited `shares` (less revoked
 * ones, as above), clicks, unique
 * clicks and previews from `click_events`, each under its share's pack and locale. The migration
 * that made `pack_daily_stats` filled it the same way.
 */
export async function recountPackDailyStats(
  manager: Queryable,
  organisationId?: string,
  span: RecountSpan = {},
): Promise<PackDailyStatRow[]> {
  return manager.query(
    `WITH ${spanCte('$2')},
     all_rows AS (
       SELECT s.organisation_id, s.pack_id, s.member_id, (s.created_at AT TIME ZONE o.timezone)::date AS day,
              s.network, s.locale, c.counts::int AS shares, 0 AS clicks, 0 AS unique_clicks, 0 AS previews,
              CASE WHEN c.counts THEN s.audience_size::bigint ELSE 0 END AS reach, o.timezone
         FROM shares s JOIN organisations o ON o.id = s.organisation_id
         LEFT JOIN share_verifications v ON v.share_id = s.id
         CROSS JOIN LATERAL (SELECT s.credited AND v.revoked IS NOT TRUE AS counts) c
        WHERE ($1::uuid IS NULL OR s.organisation_id = $1)
       UNION ALL
       SELECT e.organisation_id, s.pack_id, e.member_id, (e.occurred_at AT TIME ZONE o.timezone)::date,
              e.network, s.locale, 0, (NOT e.is_preview)::int, e.is_unique::int, e.is_preview::int, 0, o.timezone
         FROM click_events e JOIN shares s ON s.id = e.share_id JOIN organisations o ON o.id = e.organisation_id
        WHERE ($1::uuid IS NULL OR e.organisation_id = $1)
          AND e.occurred_at >= (SELECT since FROM span) AND e.occurred_at < (SELECT until FROM span) + interval '2 days'
     ),
     raw AS (SELECT * FROM all_rows WHERE ${inSpan('day', 'timezone')})
     SELECT organisation_id AS "organisationId", pack_id AS "packId", member_id AS "memberId",
            to_char(day, 'YYYY-MM-DD') AS day, network, locale, sum(shares)::int AS shares, sum(clicks)::int AS clicks,
            sum(unique_clicks)::int AS "uniqueClicks", sum(previews)::int AS previews, sum(reach)::float8 AS reach
       FROM raw
      GROUP BY 1, 2, 3, 4, 5, 6
     HAVING (sum(shares), sum(clicks), sum(unique_clicks), sum(previews), sum(reach)) <> (0, 0, 0, 0, 0)
      ORDER BY 1, 2, 3, 4, 5, 6`,
    [organisationId ?? null, span.until ?? null],
  );
}

export interface ShareNetworkDayRow {
  shareId: string;
  day: string;
  network: string;
  visitors: number;
}

/** `share_network_days` as stored, for one organisation (or all), in a stable order. */
export async function storedShareNetworkDays(
  manager: Queryable,
  organisationId?: string,
  span: RecountSpan = {},
): Promise<ShareNetworkDayRow[]> {
  return manager.query(
    `WITH ${spanCte('$2')}
     SELECT share_id AS "shareId", to_char(day, 'YYYY-MM-DD') AS day, encode(network_hash, 'hex') AS network, visitors
       FROM share_network_days WHERE ($1::uuid IS NULL OR organisation_id = $1) AND visitors <> 0
        AND ${inSpan('day', "'UTC'")}
      ORDER BY 1, 2, 3`,
    [organisationId ?? null, span.until ?? null],
  );
}

/** The same counted again from the unique click events that carry a network hash (UTC days). */
export async function recountShareNetworkDays(
  manager: Queryable,
  organisationId?: string,
  span: RecountSpan = {},
): Promise<ShareNetworkDayRow[]> {
  return manager.query(
    `WITH ${spanCte('$2')}
     SELECT share_id AS "shareId", to_char((occurred_at AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS day,
            encode(network_hash, 'hex') AS network, count(*)::int AS visitors
       FROM click_events
      WHERE ($1::uuid IS NULL OR organisation_id = $1) AND is_unique AND network_hash IS NOT NULL
        AND occurred_at >= (SELECT since FROM span) AND occurred_at < (SELECT until FROM span)
      GROUP BY 1, 2, 3
      ORDER BY 1, 2, 3`,
    [organisationId ?? null, span.until ?? null],
  );
}
