import { canTransition, type PackAction, type PackState } from '@heimo/domain';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { WebhookEvents } from '../webhooks/webhook-events';
import type { Pack } from './entities/pack.entity';
import { PacksRepository } from './packs.repository';

/** A lifecycle step `canTransition` allowed. */
export interface AppliedTransition {
  readonly from: PackState;
  readonly to: PackState;
  readonly action: PackAction;
}

/**
 * Writes lifecycle steps on a pack the caller has locked, in the caller's transaction: the new state
 * (and `publishedAt`), a bumped `version`, a history row and an audit event. Whether a step is
 * allowed is `canTransition`'s decision, taken before.
 */
@Injectable()
export class PackTransitionsService {
  constructor(
    private readonly repository: PacksRepository,
    private readonly audit: AuditService,
    private readonly webhooks: WebhookEvents,
  ) {}

  async apply(
    manager: EntityManager,
    pack: Pack,
    applied: AppliedTransition,
    actorId: string | null,
    comment: string | null,
    now: Date,
  ): Promise<void> {
    pack.status = applied.to;
    if (applied.to === 'published') pack.publishedAt = now;
    pack.version += 1;
    await this.repository.save(manager, pack);
    await this.repository.recordHistory(manager, pack, applied.from, applied.action, actorId, comment);
    await this.audit.record(
      {
        organisationId: pack.organisationId,
        actorId,
        action: 'pack.transitioned',
        target: { type: 'pack', id: pack.id },
        details: {
          action: applied.action,
          from: applied.from,
          to: applied.to,
          version: pack.version,
          ...(actorId ? {} : { by: 'scheduler' }),
        },
      },
      manager,
    );
    if (applied.to === 'published') {
      await this.webhooks.emit(
        manager,
        pack.organisationId,
        'pack.published',
        {
          packId: pack.id,
          title: pack.title,
          publishedAt: now.toISOString(),
          expireAt: pack.expireAt?.toISOString() ?? null,
          destinationUrl: pack.destinationUrl,
        },
        now,
      );
    } else if (applied.to === 'expired') {
      await this.webhooks.emit(
        manager,
        pack.organisationId,
        'pack.expired',
        { packId: pack.id, title: pack.title, expiredAt: now.toISOString() },
        now,
      );
    }
  }

  /**
   * A transition the scheduler makes (publish at / expire at), on a pack the caller has locked.
   * Null when the lifecycle no longer allows it (the pack moved on): nothing is written then.
   */
  async applyScheduled(
    manager: EntityManager,
    pack: Pack,
    action: Extract<PackAction, 'publish' | 'expire'>,
    now: Date,
  ): Promise<AppliedTransition | null> {
    const decision = canTransition(pack.status, action, {
      actor: { kind: 'system' },
      authorIds: pack.authorIds,
      fourEyesApproval: false,
      now,
      expiresAt: pack.expireAt,
    });
    if (!decision.allowed) return null;
    await this.apply(manager, pack, decision, null, null, now);
    return decision;
  }
}
