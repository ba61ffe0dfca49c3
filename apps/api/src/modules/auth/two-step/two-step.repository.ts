import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { Member } from '../../members/entities/member.entity';
import { MemberTwoStep, RecoveryCode } from '../entities/two-step.entity';

/** Authenticator secrets (sealed), the last time step used, and recovery codes (hashes only). */
@Injectable()
export class TwoStepRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  find(memberId: string, manager: EntityManager = this.dataSource.manager): Promise<MemberTwoStep | null> {
    return manager.getRepository(MemberTwoStep).findOneBy({ memberId });
  }

  /** The active member with their organisation (its name labels the entry in the app). */
  activeMember(organisationId: string, memberId: string): Promise<Member | null> {
    return this.dataSource.getRepository(Member).findOne({
      where: { id: memberId, organisationId, status: 'active' },
      relations: { organisation: true },
    });
  }

  /** The organisation requires two-step sign-in of its admins, and this member is one. */
  async requiredOf(organisationId: string, memberId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM members m JOIN organisations o ON o.id = m.organisation_id
        WHERE m.id = $1 AND m.organisation_id = $2 AND 'admin' = ANY(m.roles)
          AND o.settings -> 'requireTwoStepForAdmins' = 'true'::jsonb`,
      [memberId, organisationId],
    );
    return rows.length > 0;
  }

  async isEnabled(memberId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      'SELECT 1 FROM member_two_step WHERE member_id = $1 AND enabled_at IS NOT NULL',
      [memberId],
    );
    return rows.length > 0;
  }

  /** A new secret waiting for its first code; replaces one that was never confirmed. */
  async startEnrolment(
    manager: EntityManager,
    member: Pick<Member, 'id' | 'organisationId'>,
    secretSealed: string,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO member_two_step (member_id, organisation_id, secret_sealed)
       VALUES ($1, $2, $3)
       ON CONFLICT (member_id) DO UPDATE
         SET secret_sealed = EXCLUDED.secret_sealed, last_used_step = NULL, updated_at = now()
       WHERE member_two_step.enabled_at IS NULL`,
      [member.id, member.organisationId, secretSealed],
    );
  }

  /**
   * Records `step` as used when it is later than the last one used; false when it is not (the code
   * was used already). One statement, so two requests with the same code cannot both pass.
   */
  async useStep(memberId: string, step: number, manager: EntityManager = this.dataSource.manager) {
    const rows = await this.returning(
      manager,
      `UPDATE member_two_step SET last_used_step = $2, updated_at = now()
        WHERE member_id = $1 AND (last_used_step IS NULL OR last_used_step < $2)
        RETURNING member_id`,
      [memberId, step],
    );
    return rows.length > 0;
  }

  async enable(manager: EntityManager, memberId: string, at: Date): Promise<void> {
    await manager.getRepository(MemberTwoStep).update({ memberId }, { enabledAt: at });
  }

  /** Removes the secret and every recovery code; whether two-step was on. */
  async remove(manager: EntityManager, organisationId: string, memberId: string): Promise<boolean> {
    await manager.getRepository(RecoveryCode).delete({ organisationId, memberId });
    const rows = await this.returning(
      manager,
      `DELETE FROM member_two_step WHERE organisation_id = $1 AND member_id = $2 RETURNING enabled_at`,
      [organisationId, memberId],
    );
    return rows.some((row) => (row as { enabled_at: Date | null }).enabled_at !== null);
  }

  /** Replaces the member's recovery codes with these (hashes). */
  async replaceRecoveryCodes(
    manager: EntityManager,
    member: Pick<Member, 'id' | 'organisationId'>,
    codeHashes: readonly string[],
  ): Promise<void> {
    const codes = manager.getRepository(RecoveryCode);
    await codes.delete({ memberId: member.id });
    await codes.insert(
      codeHashes.map((codeHash) => ({
        organisationId: member.organisationId,
        memberId: member.id,
        codeHash,
        usedAt: null,
      })),
    );
  }

  /** Marks the unused recovery code with this hash used; false when there is none (wrong or used). */
  async useRecoveryCode(memberId: string, codeHash: string, at: Date): Promise<boolean> {
    const rows = await this.returning(
      this.dataSource.manager,
      `UPDATE two_step_recovery_codes SET used_at = $3
        WHERE member_id = $1 AND code_hash = $2 AND used_at IS NULL
        RETURNING id`,
      [memberId, codeHash, at],
    );
    return rows.length > 0;
  }

  unusedRecoveryCodes(memberId: string): Promise<number> {
    return this.dataSource.getRepository(RecoveryCode).countBy({ memberId, usedAt: IsNull() });
  }

  private async returning(manager: EntityManager, sql: string, parameters: unknown[]): Promise<unknown[]> {
    const result: unknown[] = await manager.query(sql, parameters);
    // The pg driver answers an UPDATE/DELETE … RETURNING with [rows, count].
    return Array.isArray(result[0]) ? (result[0] as unknown[]) : result;
  }
}
