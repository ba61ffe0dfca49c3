import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  type KeysetOrder,
  keysetPageFromRaw,
  type Page,
  type PageRequest,
} from '../../infra/database/keyset';
import type { AuditAction, AuditTargetType } from '@heimo/domain';
import { AuditEvent } from './entities/audit-event.entity';

export interface AuditEventRow {
  id: string;
  action: AuditAction;
  actor_id: string | null;
  actor_name: string | null;
  target_type: AuditTargetType | null;
  target_id: string | null;
  details: Record<string, unknown>;
  request_id: string | null;
  created_at: Date;
}

export interface AuditEventFilter {
  readonly action?: AuditAction;
  readonly actorId?: string;
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

  /** Newest first, with the actor's current name. */
  async list(
    organisationId: string,
    filter: AuditEventFilter,
    page: PageRequest,
  ): Promise<Page<AuditEventRow>> {
    const qb = this.dataSource
      .getRepository(AuditEvent)
      .createQueryBuilder('e')
      .leftJoin('e.actor', 'actor')
      .select([
        'e.id AS id',
        'e.action AS action',
        'e.actor_member_id AS actor_id',
        'actor.name AS actor_name',
        'e.target_type AS target_type',
        'e.target_id AS target_id',
        'e.details AS details',
        'e.request_id AS request_id',
        'e.created_at AS created_at',
      ])
      .where('e.organisation_id = :organisationId', { organisationId });
    if (filter.action) qb.andWhere('e.action = :action', { action: filter.action });
    if (filter.actorId) qb.andWhere('e.actor_member_id = :actorId', { actorId: filter.actorId });
    return keysetPageFromRaw(qb, NEWEST_FIRST, page, (row: AuditEventRow) => row);
  }
}
