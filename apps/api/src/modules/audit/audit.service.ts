import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuditAction, AuditTargetType } from '@heimo/domain';
import {
  assertCursorInstant,
  DEFAULT_PAGE_SIZE,
  decodeCursor,
  type Page,
  toPage,
} from '../../infra/http/keyset-page';
import type { AuditEventDto, ListAuditEventsQueryDto } from './dto/audit-event.dto';
import { AuditEvent } from './entities/audit-event.entity';
import { currentRequestId } from './request-context';

export interface AuditRecord {
  readonly organisationId: string;
  readonly actorId: string | null;
  readonly action: AuditAction;
  readonly target?: { readonly type: AuditTargetType; readonly id: string };
  /** Ids, codes and field names only: never a secret or a personal field. */
  readonly details?: Record<string, unknown>;
}

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Pass the command's transaction manager so the event lands (or not) with the change it records. */
  async record(event: AuditRecord, manager: EntityManager = this.dataSource.manager): Promise<void> {
    const events = manager.getRepository(AuditEvent);
    await events.save(
      events.create({
        organisationId: event.organisationId,
        actorMemberId: event.actorId,
        action: event.action,
        targetType: event.target?.type ?? null,
        targetId: event.target?.id ?? null,
        details: event.details ?? {},
        requestId: currentRequestId(),
      }),
    );
  }

  /**
   * Drops the named keys from the details of the member's own events of these actions: an erased
   * member's trail keeps who did what and when, not, say, how they scored. Pass the erasing transaction.
   */
  async forgetDetails(
    manager: EntityManager,
    organisationId: string,
    actorId: string,
    actions: readonly AuditAction[],
    keys: readonly string[],
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

  /** Newest first; the cursor is the exact (microsecond) time and id of the last row. */
  async list(organisationId: string, query: ListAuditEventsQueryDto): Promise<Page<AuditEventDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
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
        `to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at`,
      ])
      .where('e.organisation_id = :organisationId', { organisationId });
    if (query.action) qb.andWhere('e.action = :action', { action: query.action });
    if (query.actorId) qb.andWhere('e.actor_member_id = :actorId', { actorId: query.actorId });
    if (query.cursor) {
      const [at, id] = decodeCursor(query.cursor, 2) as [string, string];
      assertCursorInstant(at);
      qb.andWhere('(e.created_at, e.id) < (:at::timestamptz, :id::uuid)', { at, id });
    }
    const rows = await qb
      .orderBy('e.created_at', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .limit(limit + 1)
      .getRawMany<AuditRow>();
    return toPage(rows, limit, (row) => [row.cursor_at, row.id], toAuditEventDto);
  }
}

interface AuditRow {
  id: string;
  action: AuditAction;
  actor_id: string | null;
  actor_name: string | null;
  target_type: AuditTargetType | null;
  target_id: string | null;
  details: Record<string, unknown>;
  request_id: string | null;
  created_at: Date;
  cursor_at: string;
}

function toAuditEventDto(row: AuditRow): AuditEventDto {
  return {
    id: row.id,
    action: row.action,
    actorId: row.actor_id,
    actorName: row.actor_name,
    targetType: row.target_type,
    targetId: row.target_id,
    details: row.details,
    requestId: row.request_id,
    createdAt: new Date(row.created_at).toISOString(),
  };
}
