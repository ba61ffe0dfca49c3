import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuditAction, AuditTargetType } from '@heimo/domain';
import type { Page } from '../../infra/database/keyset';
import { AuditRepository, type AuditEventRow } from './audit.repository';
import type { AuditEventDto, ListAuditEventsQueryDto } from './dto/audit-event.dto';
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
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: AuditRepository,
  ) {}

  /** Pass the command's transaction manager so the event lands (or not) with the change it records. */
  async record(event: AuditRecord, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await this.events.insert(manager, {
      organisationId: event.organisationId,
      actorMemberId: event.actorId,
      action: event.action,
      targetType: event.target?.type ?? null,
      targetId: event.target?.id ?? null,
      details: event.details ?? {},
      requestId: currentRequestId(),
    });
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
    await this.events.removeDetailKeys(manager, { organisationId, actorId, actions, keys });
  }

  /** Newest first; the cursor is the exact (microsecond) time and id of the last row. */
  async list(organisationId: string, query: ListAuditEventsQueryDto): Promise<Page<AuditEventDto>> {
    const page = await this.events.list(organisationId, query, query);
    return { ...page, items: page.items.map(toAuditEventDto) };
  }
}

function toAuditEventDto(row: AuditEventRow): AuditEventDto {
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
