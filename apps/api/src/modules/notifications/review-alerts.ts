import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import type { PackReviewAlerts, PackReviewStep } from '../packs/pack-review-alerts';
import { NotificationsService } from './notifications.service';

interface Recipient {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly locale: string;
}

/**
 * E-mails about the four-eyes review, queued in the transaction of the step: a submission to the
 * curators who may review it (not its authors under four-eyes, never the submitter), an approval or
 * a rejection (with the comment) to the pack's authors but the reviewer. Only active members whose
 * `reviewAlerts` preference is on (the default) receive them; the unsubscribe link turns it off.
 */
@Injectable()
export class ReviewAlerts implements PackReviewAlerts {
  constructor(
    private readonly notifications: NotificationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Queues the step's messages; returns the delivery ids to dispatch once the transaction commits. */
  async queue(manager: EntityManager, step: PackReviewStep): Promise<(string | null)[]> {
    const recipients = await this.recipients(manager, step);
    const actorName = await this.memberName(manager, step.organisationId, step.actorId);
    const ids: (string | null)[] = [];
    for (const member of recipients) {
      ids.push(
        await this.notifications.enqueue(manager, {
          organisationId: step.organisationId,
          memberId: member.id,
          kind: 'pack_review',
          dedupeKey: `pack_review:${step.packId}:${step.version}:${member.id}`,
          recipient: member.email,
          locale: member.locale,
          data: {
            name: member.name,
            // Who acted, by id too: erasure finds the messages that name them (as an invitation's inviterId).
            actorId: step.actorId,
            actorName,
            packTitle: step.packTitle,
            submitted: step.action === 'submit',
            approved: step.action === 'approve',
            rejected: step.action === 'reject',
            comment: step.action === 'reject' ? step.comment : null,
            packUrl: `${this.config.publicUrl}/studio/packs/${step.packId}`,
          },
        }),
      );
    }
    return ids;
  }

  dispatch(ids: readonly (string | null)[]): Promise<void> {
    return this.notifications.dispatch(ids);
  }

  private recipients(manager: EntityManager, step: PackReviewStep): Promise<Recipient[]> {
    const toReviewers = step.action === 'submit';
    return manager.query(
      `SELECT m.id, m.email, m.name, m.locale
         FROM members m
         LEFT JOIN notification_preferences np ON np.member_id = m.id
        WHERE m.organisation_id = $1 AND m.status = 'active' AND m.id <> $2
          AND coalesce(np.review_alerts, true)
          AND CASE WHEN $3::boolean
                   THEN 'curator' = ANY (m.roles) AND NOT ($5::boolean AND m.id = ANY ($4::uuid[]))
                   ELSE m.id = ANY ($4::uuid[]) END
        ORDER BY m.id`,
      [step.organisationId, step.actorId, toReviewers, step.authorIds, step.fourEyesApproval],
    );
  }

  private async memberName(
    manager: EntityManager,
    organisationId: string,
    memberId: string,
  ): Promise<string> {
    const rows: { name: string }[] = await manager.query(
      `SELECT name FROM members WHERE organisation_id = $1 AND id = $2`,
      [organisationId, memberId],
    );
    return rows[0]?.name ?? '';
  }
}
