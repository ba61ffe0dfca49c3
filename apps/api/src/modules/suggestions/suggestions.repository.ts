import { NO_NETWORK, type SuggestionStatus } from '@heimo/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type KeysetOrder, type Page, keysetPageFromEntities } from '../../infra/database/keyset';
import { Suggestion } from './entities/suggestion.entity';

const QUEUE_ORDER: KeysetOrder = { column: 's.created_at', kind: 'instant', id: 's.id', direction: 'DESC' };

/** What a suggestion's answer shows beside the row: names and the draft's state. */
export interface SuggestionRow {
  readonly suggestion: Suggestion;
  readonly suggesterName: string;
  readonly deciderName: string | null;
  readonly packStatus: string | null;
}

/** The member as the suggestion rules read them. */
export interface Suggester {
  readonly id: string;
  readonly kind: 'employee' | 'fan';
  readonly name: string;
  readonly email: string;
  readonly locale: string;
  readonly status: string;
  /** Their `reviewAlerts` preference (default on): decisions are e-mailed only while it is. */
  readonly reviewAlerts: boolean;
}

@Injectable()
export class SuggestionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async suggester(
    manager: EntityManager,
    organisationId: string,
    memberId: string,
  ): Promise<Suggester | null> {
    const rows: Suggester[] = await manager.query(
      `SELECT m.id, m.kind, m.name, m.email, m.locale, m.status, coalesce(np.review_alerts, true) AS "reviewAlerts"
         FROM members m LEFT JOIN notification_preferences np ON np.member_id = m.id
        WHERE m.organisation_id = $1 AND m.id = $2`,
      [organisationId, memberId],
    );
    return rows[0] ?? null;
  }

  /**
   * Holds the member's suggestion count until the transaction ends (a transaction-scoped advisory
   * lock on the member), so two requests at once cannot both take the day's last suggestion.
   */
  async lockMemberDay(manager: EntityManager, memberId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('suggestions:' || $1, 0))`, [
      memberId,
    ]);
  }

  /** The member's suggestions of today (the organisation's day) and the seconds until tomorrow begins. */
  async today(
    manager: EntityManager,
    organisationId: string,
    memberId: string,
  ): Promise<{ count: number; secondsToTomorrow: number }> {
    const [row] = (await manager.query(
      `WITH day AS (
         SELECT (date_trunc('day', now() AT TIME ZONE o.timezone) AT TIME ZONE o.timezone) AS since,
                ((date_trunc('day', now() AT TIME ZONE o.timezone) + interval '1 day') AT TIME ZONE o.timezone) AS until
           FROM organisations o WHERE o.id = $1
       )
       SELECT (SELECT count(*)::int FROM suggestions s, day
                WHERE s.member_id = $2 AND s.created_at >= day.since) AS count,
              greatest(1, ceil(extract(epoch FROM (day.until - now()))))::int AS "secondsToTomorrow"
         FROM day`,
      [organisationId, memberId],
    )) as { count: number; secondsToTomorrow: number }[];
    return row ?? { count: 0, secondsToTomorrow: 86_400 };
  }

  insert(manager: EntityManager, columns: Partial<Suggestion>): Promise<Suggestion> {
    const repo = manager.getRepository(Suggestion);
    return repo.save(repo.create(columns));
  }

  save(manager: EntityManager, suggestion: Suggestion): Promise<Suggestion> {
    return manager.getRepository(Suggestion).save(suggestion);
  }

  /** The curators' queue: the organisation's suggestions of one status, newest first. */
  async list(
    organisationId: string,
    status: SuggestionStatus,
    page: { limit?: number; cursor?: string },
  ): Promise<Page<Suggestion>> {
    const qb = this.dataSource
      .getRepository(Suggestion)
      .createQueryBuilder('s')
      .where('s.organisation_id = :organisationId AND s.status = :status', { organisationId, status });
    return keysetPageFromEntities(qb, QUEUE_ORDER, page, (row) => row);
  }

  /** The member's newest suggestions. */
  mine(organisationId: string, memberId: string, limit: number): Promise<Suggestion[]> {
    return this.dataSource.getRepository(Suggestion).find({
      where: { organisationId, memberId },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: limit,
    });
  }

  /** Every suggestion of the member, newest first (their data export). */
  allOf(organisationId: string, memberId: string): Promise<Suggestion[]> {
    return this.dataSource.getRepository(Suggestion).find({
      where: { organisationId, memberId },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
  }

  /** The rows with the names and pack states their answers show. */
  async withDetails(
    suggestions: readonly Suggestion[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<SuggestionRow[]> {
    if (!suggestions.length) return [];
    const memberIds = [
      ...new Set(suggestions.flatMap((s) => [s.memberId, s.decidedById]).filter((id): id is string => !!id)),
    ];
    const packIds = suggestions.map((s) => s.packId).filter((id): id is string => !!id);
    const names = new Map(
      (
        (await manager.query(`SELECT id, name FROM members WHERE id = ANY ($1::uuid[])`, [memberIds])) as {
          id: string;
          name: string;
        }[]
      ).map((row) => [row.id, row.name]),
    );
    const packs = new Map(
      (packIds.length
        ? ((await manager.query(`SELECT id, status FROM packs WHERE id = ANY ($1::uuid[])`, [packIds])) as {
            id: string;
            status: string;
          }[])
        : []
      ).map((row) => [row.id, row.status]),
    );
    return suggestions.map((suggestion) => ({
      suggestion,
      suggesterName: names.get(suggestion.memberId) ?? '',
      deciderName: suggestion.decidedById ? (names.get(suggestion.decidedById) ?? null) : null,
      packStatus: suggestion.packId ? (packs.get(suggestion.packId) ?? null) : null,
    }));
  }

  /**
   * Adds the points to the member's `NO_NETWORK` rollup row of the instant's day in the
   * organisation's time zone: the row training points go to, so leaderboards, dashboards and the
   * recount (`recountDailyStats`, which reads `suggestions.points`) count them alike.
   */
  async addPoints(
    manager: EntityManager,
    organisationId: string,
    memberId: string,
    at: Date,
    points: number,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO daily_stats AS d (organisation_id, member_id, day, network, points)
       SELECT o.id, $2, ($3::timestamptz AT TIME ZONE o.timezone)::date, $4, $5 FROM organisations o WHERE o.id = $1
       ON CONFLICT (organisation_id, member_id, day, network) DO UPDATE SET points = d.points + excluded.points`,
      [organisationId, memberId, at.toISOString(), NO_NETWORK, points],
    );
  }

  /**
   * Erasure: the member's suggestions go (their links and notes are theirs), with the points they
   * earned (the `NO_NETWORK` rows, which erasure deletes whole), so the rollups equal their recount.
   */
  async eraseMember(manager: EntityManager, organisationId: string, memberId: string): Promise<void> {
    await manager.query(`DELETE FROM suggestions WHERE organisation_id = $1 AND member_id = $2`, [
      organisationId,
      memberId,
    ]);
  }
}
