import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  type KeysetOrder,
  keysetPageFromRaw,
  type Page,
  type PageRequest,
} from '../../infra/database/keyset';
import { SIGN_IN_ACTIONS, type AuditAction, type AuditTargetType } from '@heimo/domain';
import { erasedMemberSql } from '../members/erased-member';
import { AuditEvent } from './entities/audit-event.entity';

export interface AuditEventRow {
  id: string;
  action: AuditAction;
  actor_id: string | null;
  actor_name: string | null;
  actor_email: string | null;
  actor_erased: boolean | null;
  target_type: AuditTargetType | null;
  target_id: string | null;
  subject_name: string | null;
  subject_email: string | null;
  subject_erased: boolean | null;
  details: Record<string, unknown>;
  request_id: string | null;
  created_at: Date;
}

export interface AuditEventFilter {
  readonly action?: AuditAction;
  readonly actorId?: string;
  /** Sign-ins are left out unless asked for (or filtered on by action). */
  readonly includeSignIns?: boolean;
}

/** The names of teams and members that an event's details refer to by id. */
export interface ReferencedName {
  id: string;
  type: 'team' | 'member';
  name: string;
  erased: boolean;
}

export interface DetailKeysOfActor {
  readonly organisationId: string;
  readonly actorId: string;
  readonly actions: readonly AuditAction[];
  readonly keys: readonly string[];
}

export type NewAuditEvent = Pick<
  AuditEvent,
  'organisationId' | 'actorMemberId' | 'action' | 'targetType' | 'targetId' | 'details' | 'requestId'
>;

const NEWEST_FIRST: KeysetOrder = { column: 'e.created_at', kind: 'instant', id: 'e.id', direction: 'DESC' };

/** The audit trail's table: events are only ever added, listed and stripped of personal details. */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, event: NewAuditEvent): Promise<void> {
    const events = manager.getRepository(AuditEvent);
    await events.save(events.create(event));
  }

  /** Removes these keys from the details of the actor's events of these actions. */
  async removeDetailKeys(
    manager: EntityManager,
    { organisationId, actorId, actions, keys }: DetailKeysOfActor,
  ): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(AuditEvent)
      .set({ details: () => 'details - CAST(:keys AS text[])' })
      .where('organisation_id = :organisationId AND actor_member_id = :actorId', { organisationId, actorId })
      .andWhere('action IN (:...actions)', { actions })
      .setParameter('keys', keys)
      .execute();
  }

  /**
   * Newest first, with the actor's and the subject's current names: a member's name and address
   * (nothing once they are erased), a team's, pack's, feed's, API token's or organisation's name, and a training
   * module's title in the reader's language where it is written in it.
   */
  async list(
    organisationId: string,
    readerId: string,
    filter: AuditEventFilter,
    page: PageRequest,
  ): Promise<Page<AuditEventRow>> {
    const on = (type: AuditTargetType, alias: string) =>
      `e.target_type = '${type}' AND ${alias}.id = e.target_id AND ${alias}.organisation_id = e.organisation_id`;
    const title = (column: string) =>
      `COALESCE(${column}->'title'->>reader.locale, ${column}->'title'->>'en', ${column}->'title'->>'fi')`;
    const qb = this.dataSource
      .getRepository(AuditEvent)
      .createQueryBuilder('e')
      .leftJoin('e.actor', 'actor')
      .leftJoin('members', 'reader', 'reader.id = :readerId', { readerId })
      .leftJoin('members', 'sm', on('member', 'sm'))
      .leftJoin('teams', 'st', on('team', 'st'))
      .leftJoin('packs', 'sp', on('pack', 'sp'))
      .leftJoin('training_modules', 'stm', on('training_module', 'stm'))
      .leftJoin('feed_sources', 'sf', on('feed_source', 'sf'))
      .leftJoin('chat_channels', 'sc', on('channel', 'sc'))
      .leftJoin('api_tokens', 'sat', on('api_token', 'sat'))
      .leftJoin('scim_groups', 'ssg', on('scim_group', 'ssg'))
      .leftJoin('organisations', 'so', "e.target_type = 'organisation' AND so.id = e.target_id")
      .select([
        'e.id AS id',
        'e.action AS action',
        'e.actor_member_id AS actor_id',
        `CASE WHEN ${erasedMemberSql('actor')} THEN NULL ELSE actor.name END AS actor_name`,
        `CASE WHEN ${erasedMemberSql('actor')} THEN NULL ELSE actor.email END AS actor_email`,
        `${erasedMemberSql('actor')} AS actor_erased`,
        'e.target_type AS target_type',
        'e.target_id AS target_id',
        `CASE WHEN ${erasedMemberSql('sm')} THEN NULL
              ELSE COALESCE(sm.name, st.name, sp.title, ${title('stm.published')}, ${title('stm.draft')}, sf.title, sc.name, sat.name, ssg.display_name, so.name)
         END AS subject_name`,
        `CASE WHEN ${erasedMemberSql('sm')} THEN NULL ELSE sm.email END AS subject_email`,
        `${erasedMemberSql('sm')} AS subject_erased`,
        'e.details AS details',
        'e.request_id AS request_id',
        'e.created_at AS created_at',
      ])
      .where('e.organisation_id = :organisationId', { organisationId });
    if (filter.action) qb.andWhere('e.action = :action', { action: filter.action });
    if (filter.actorId) qb.andWhere('e.actor_member_id = :actorId', { actorId: filter.actorId });
    if (!filter.action && !filter.includeSignIns)
      qb.andWhere('e.action NOT IN (:...signIns)', { signIns: [...SIGN_IN_ACTIONS] });
    return keysetPageFromRaw(qb, NEWEST_FIRST, page, (row: AuditEventRow) => row);
  }

  /** The organisation's teams and members among these ids, erased members without their name. */
  async namesOf(organisationId: string, ids: readonly string[]): Promise<ReferencedName[]> {
    if (ids.length === 0) return [];
    return this.dataSource.query<ReferencedName[]>(
      `SELECT t.id, 'team' AS type, t.name, false AS erased FROM teams t WHERE t.organisation_id = $1 AND t.id = ANY($2::uuid[])
       UNION ALL
       SELECT m.id, 'member', CASE WHEN ${erasedMemberSql('m')} THEN '' ELSE m.name END, ${erasedMemberSql('m')}
         FROM members m WHERE m.organisation_id = $1 AND m.id = ANY($2::uuid[])`,
      [organisationId, ids],
    );
  }
}
