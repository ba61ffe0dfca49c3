import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditEvent } from '../audit/entities/audit-event.entity';
import { Session } from '../auth/entities/session.entity';
import { Member } from '../members/entities/member.entity';
import { Invitation } from '../people/entities/invitation.entity';
import type { MyShareDto } from '../sharing/dto/my-share.dto';

export interface ExportedEmailRow {
  id: string;
  kind: string;
  recipient: string;
  subject: string | null;
  status: string;
  createdAt: Date;
  sentAt: Date | null;
}

export interface InvitationEmailRow {
  id: string;
  subject: string | null;
  payload: { data?: Record<string, unknown> } & Record<string, unknown>;
  outboxFile: string | null;
}

export type ExportedShareRow = Omit<MyShareDto, 'trackedUrl' | 'createdAt'> & { createdAt: Date };

/** What a personal-data export reads and what an erasure overwrites, across the member's rows. */
@Injectable()
export class PrivacyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The organisation's member with their team and organisation; null when there is none. */
  memberWithOrganisation(organisationId: string, memberId: string): Promise<Member | null> {
    return this.dataSource
      .getRepository(Member)
      .findOne({ where: { organisationId, id: memberId }, relations: { team: true, organisation: true } });
  }

  /** The member's sign-ins, newest first. */
  sessionsOf(organisationId: string, memberId: string): Promise<Session[]> {
    return this.dataSource
      .getRepository(Session)
      .find({ where: { organisationId, memberId }, order: { createdAt: 'DESC' } });
  }

  /** What the member did, newest first. */
  auditEventsBy(organisationId: string, memberId: string): Promise<AuditEvent[]> {
    return this.dataSource.getRepository(AuditEvent).find({
      where: { organisationId, actorMemberId: memberId },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
  }

  /** The e-mails sent (or to be sent) to the member, newest first. */
  emailsTo(organisationId: string, memberId: string): Promise<ExportedEmailRow[]> {
    return this.dataSource.query(
      `SELECT id, kind, recipient, subject, status, created_at AS "createdAt", sent_at AS "sentAt"
         FROM notification_deliveries WHERE organisation_id = $1 AND member_id = $2
        ORDER BY created_at DESC, id DESC`,
      [organisationId, memberId],
    );
  }

  /** The member's shares with their pack titles, newest first. */
  sharesOf(organisationId: string, memberId: string): Promise<ExportedShareRow[]> {
    return this.dataSource.query(
      `SELECT s.id, s.pack_id AS "packId", p.title AS "packTitle", s.network, s.code, s.text,
              s.audience_size AS "audienceSize", s.clicks, s.unique_clicks AS "uniqueClicks", s.previews,
              s.created_at AS "createdAt"
         FROM shares s JOIN packs p ON p.id = s.pack_id
        WHERE s.organisation_id = $1 AND s.member_id = $2
        ORDER BY s.created_at DESC, s.id DESC`,
      [organisationId, memberId],
    );
  }

  saveMember(manager: EntityManager, member: Member): Promise<Member> {
    return manager.getRepository(Member).save(member);
  }

  async deleteInvitations(manager: EntityManager, organisationId: string, memberId: string): Promise<void> {
    await manager.getRepository(Invitation).delete({ organisationId, memberId });
  }

  /** Blanks the texts of the member's shares (their own words) and their idempotency keys. */
  async blankShareTexts(manager: EntityManager, organisationId: string, memberId: string): Promise<void> {
    await manager.query(
      `UPDATE shares SET text = '', idempotency_key = NULL WHERE organisation_id = $1 AND member_id = $2`,
      [organisationId, memberId],
    );
    // A device's push endpoint and keys identify the member's browser: gone with them.
    await manager.query(`DELETE FROM push_subscriptions WHERE organisation_id = $1 AND member_id = $2`, [
      organisationId,
      memberId,
    ]);
    // Reservations for the share sheet hold an edited caption too; the shares made from them stay.
    await manager.query(`DELETE FROM share_reservations WHERE organisation_id = $1 AND member_id = $2`, [
      organisationId,
      memberId,
    ]);
  }

  /**
   * The member's e-mail log keeps that a message went out, not to whom or with what (the recipient
   * becomes `recipient`); what has not gone out yet is failed. Returns the outbox files the rows named.
   */
  async eraseEmails(
    manager: EntityManager,
    organisationId: string,
    memberId: string,
    recipient: string,
  ): Promise<string[]> {
    const [erased] = (await manager.query(
      `WITH old AS (
         SELECT id, outbox_file FROM notification_deliveries
          WHERE organisation_id = $1 AND member_id = $2 FOR UPDATE)
       UPDATE notification_deliveries d
          SET recipient = $3, payload = '{}', outbox_file = NULL,
              status = CASE WHEN d.status IN ('queued', 'retrying') THEN 'failed' ELSE d.status END,
              last_error = CASE WHEN d.status IN ('queued', 'retrying') THEN 'The member was erased.' ELSE d.last_error END
         FROM old WHERE d.id = old.id
       RETURNING old.outbox_file AS "outboxFile"`,
      [organisationId, memberId, recipient],
    )) as [{ outboxFile: string | null }[], number];
    return erased.flatMap((row) => (row.outboxFile ? [row.outboxFile] : []));
  }

  /**
   * The invitation e-mails the member sent, locked: those that name them as inviter (`inviterId`),
   * and, for e-mails written before that, those of their invitations still on record or naming
   * them as inviter by `name`.
   */
  invitationEmailsSentBy(
    manager: EntityManager,
    organisationId: string,
    memberId: string,
    name: string,
  ): Promise<InvitationEmailRow[]> {
    return manager.query(
      `SELECT d.id, d.subject, d.payload, d.outbox_file AS "outboxFile"
         FROM notification_deliveries d
        WHERE d.organisation_id = $1 AND d.kind = 'invitation'
          AND (d.payload->'data'->>'inviterId' = $2
               OR (d.payload->'data'->>'inviterId' IS NULL
                   AND (EXISTS (SELECT 1 FROM invitations i
                                 WHERE i.organisation_id = $1 AND i.invited_by_member_id = $2::uuid
                                   AND d.dedupe_key = 'invitation:' || i.token_hash)
                        OR ($3 <> '' AND d.payload->'data'->>'inviterName' = $3))))
        ORDER BY d.id
          FOR UPDATE OF d`,
      [organisationId, memberId, name],
    );
  }

  async rewriteEmail(
    manager: EntityManager,
    id: string,
    subject: string | null,
    payload: Record<string, unknown>,
  ): Promise<void> {
    await manager.query(
      `UPDATE notification_deliveries SET subject = $2, payload = $3::jsonb, updated_at = now() WHERE id = $1`,
      [id, subject, JSON.stringify(payload)],
    );
  }

  async deletePreferences(manager: EntityManager, memberId: string): Promise<void> {
    await manager.query(`DELETE FROM notification_preferences WHERE member_id = $1`, [memberId]);
  }

  /**
   * The identity provider's copy of the person (SCIM userName, e-mails, name, phone numbers…) and their
   * group memberships: the provider's next request for that User answers 404, and a later create with
   * the same userName makes a new member rather than finding the erased one.
   */
  async deleteProvisioning(manager: EntityManager, organisationId: string, memberId: string): Promise<void> {
    await manager.query(`DELETE FROM scim_group_members WHERE organisation_id = $1 AND member_id = $2`, [
      organisationId,
      memberId,
    ]);
    await manager.query(`DELETE FROM scim_users WHERE organisation_id = $1 AND member_id = $2`, [
      organisationId,
      memberId,
    ]);
  }
}
