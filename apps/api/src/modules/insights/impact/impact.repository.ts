import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface MemberDay {
  day: string;
  shares: number;
  reach: number;
  clicks: number;
  uniqueClicks: number;
  points: number;
  verifiedReach: number;
  engagement: number;
}

/** A member's own figures from `daily_stats` (the sharing module's rollups), never raw events. */
@Injectable()
export class ImpactRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The member's figures per local day (networks summed) from `from` (null: the first) to `to`. */
  memberDays(
    organisationId: string,
    memberId: string,
    from: string | null,
    to: string,
  ): Promise<MemberDay[]> {
    return this.dataSource.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, sum(shares)::int AS shares, sum(reach)::float8 AS reach,
              sum(clicks)::int AS clicks, sum(unique_clicks)::int AS "uniqueClicks", sum(points)::int AS points,
              sum(verified_reach)::float8 AS "verifiedReach", sum(engagement)::float8 AS engagement
         FROM daily_stats
        WHERE organisation_id = $1 AND member_id = $2 AND ($3::date IS NULL OR day >= $3::date) AND day <= $4::date
        GROUP BY day
        ORDER BY day`,
      [organisationId, memberId, from, to],
    );
  }
}
