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
  async list(
    organisationId: string,
    readerId: string,
    query: ListAuditEventsQueryDto,
  ): Promise<Page<AuditEventDto>> {
    const page = await this.events.list(organisationId, readerId, query, query);
    const ids = [...new Set(page.items.flatMap((row) => referencedIds(row)))];
    const names = new Map((await this.events.namesOf(organisationId, ids)).map((name) => [name.id, name]));
    return {
      ...page,
      items: page.items.map((row) => {
        const references = referencedIds(row).flatMap((id) => {
          const found = names.get(id);
          if (!found) return [];
          return [{ id, type: found.type, name: found.erased ? null : found.name, erased: found.erased }];
        });
        return toAuditEventDto(row, references);
      }),
    };
  }
}

/** Which details name a team or a member by id. */
const REFERENCE_KEYS: Partial<Record<AuditAction, readonly string[]>> = {
  'member.team_changed': ['from', 'to'],
  'member.invited': ['teamId'],
  'invitation.accepted': ['invitedBy'],
};

function referencedIds(row: AuditEventRow): string[] {
  return (REFERENCE_KEYS[row.action] ?? []).flatMap((key) => {
    const value = row.details[key];
    return typeof value === 'string' && UUID.test(value) ? [value] : [];
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toAuditEventDto(row: AuditEventRow, references: AuditEventDto['references']): AuditEventDto {
  return {
    id: row.id,
    action: row.action,
    actorId: row.actor_id,
    actorName: row.actor_name,
    actor: row.actor_id
      ? { id: row.actor_id, name: row.actor_name, email: row.actor_email, erased: row.actor_erased === true }
      : null,
    subject:
      row.target_type && row.target_id
        ? {
            type: row.target_type,
            id: row.target_id,
            name: row.subject_name,
            email: row.subject_email,
            erased: row.subject_erased === true,
          }
        : null,
    targetType: row.target_type,
    targetId: row.target_id,
    details: row.details,
    references,
    requestId: row.request_id,
    createdAt: new Date(row.created_at).toISOString(),
  };
}
