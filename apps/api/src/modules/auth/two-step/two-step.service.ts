import { createHash, createHmac, randomInt } from 'node:crypto';
import {
  RECOVERY_CODE_ALPHABET,
  RECOVERY_CODE_COUNT,
  TWO_STEP_PERIOD_SECONDS,
  readAuthenticatorCode,
  readSecondStepCode,
} from '@heimo/domain';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RUNTIME_SERVICES, type RuntimeServices } from '../../../infra/config/config.module';
import type { Caller } from '../../../infra/http/caller';
import { SecretBox } from '../../../infra/security/secret-box';
import { AuditService } from '../../audit/audit.service';
import type { Member } from '../../members/entities/member.entity';
import { MemberNotFoundError } from '../../members/members.errors';
import { AccessTokenSigner } from '../access-token';
import type { TwoStepStatusDto } from '../dto/two-step.dto';
import type { MemberTwoStep } from '../entities/two-step.entity';
import { verifyPassword } from '../password-hasher';
import { LoginAttempts } from '../rate-limit/login-attempts.service';
import { matchingStep, newTotpSecret, otpauthUri } from './totp';
import {
  TwoStepAlreadyOnError,
  TwoStepChallengeExpiredError,
  TwoStepNotStartedError,
  TwoStepOffError,
  WrongConfirmationCodeError,
  WrongPasswordError,
  WrongTwoStepCodeError,
} from './two-step.errors';
import { TwoStepRepository } from './two-step.repository';

/** How long the second step may follow the password. */
export const TWO_STEP_CHALLENGE_SECONDS = 5 * 60;
/** Enrolment must be confirmed with a code within this; after it, start again. */
const ENROLMENT_SECONDS = 15 * 60;

export interface TwoStepEnrolment {
  readonly secret: string;
  readonly otpauthUri: string;
  readonly period: number;
}

/**
 * Two-step sign-in: an authenticator app's code (TOTP) after the password, or one of ten single-use
 * recovery codes. The secret is sealed at rest (SecretBox), a code works once (the last time step
 * used is kept), and every code checked counts towards the account's sign-in lockout like a password.
 */
@Injectable()
export class TwoStepService {
  private readonly challenges: AccessTokenSigner;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(RUNTIME_SERVICES) services: RuntimeServices,
    private readonly box: SecretBox,
    private readonly repository: TwoStepRepository,
    private readonly attempts: LoginAttempts,
    private readonly audit: AuditService,
  ) {
    // A key of its own, so a pending sign-in can never pass for an access token, nor one for it.
    this.challenges = new AccessTokenSigner(
      createHmac('sha256', services.authSecret).update('heimo:two-step-challenge').digest('base64url'),
    );
  }

  isEnabled(memberId: string): Promise<boolean> {
    return this.repository.isEnabled(memberId);
  }

  async status(caller: Caller): Promise<TwoStepStatusDto> {
    const row = await this.repository.find(caller.memberId);
    const enabledAt = row?.organisationId === caller.organisationId ? row.enabledAt : null;
    return {
      enabled: enabledAt !== null,
      enabledAt: enabledAt?.toISOString() ?? null,
      recoveryCodesLeft: enabledAt ? await this.repository.unusedRecoveryCodes(caller.memberId) : 0,
      required: await this.repository.requiredOf(caller.organisationId, caller.memberId),
    };
  }

  /** Starts enrolment after the password: a new secret, shown once, waiting for its first code. */
  async start(caller: Caller, password: string): Promise<TwoStepEnrolment> {
    const member = await this.member(caller);
    await this.checkPassword(member, password);
    const existing = await this.repository.find(member.id);
    if (existing?.enabledAt) throw new TwoStepAlreadyOnError();
    const secret = newTotpSecret();
    await this.repository.startEnrolment(this.dataSource.manager, member, this.seal(member.id, secret));
    return {
      secret,
      otpauthUri: otpauthUri(secret, member.email, member.organisation?.name ?? ''),
      period: TWO_STEP_PERIOD_SECONDS,
    };
  }

  /** Confirms enrolment with the app's current code: two-step is on; the recovery codes, shown once. */
  async confirm(caller: Caller, input: string): Promise<string[]> {
    const member = await this.member(caller);
    const row = await this.repository.find(member.id);
    if (!row) throw new TwoStepNotStartedError();
    if (row.enabledAt) throw new TwoStepAlreadyOnError();
    if (row.updatedAt.getTime() < Date.now() - ENROLMENT_SECONDS * 1000) throw new TwoStepNotStartedError();
    await this.attempts.count(member.email);
    if (!(await this.acceptAppCode(row, input))) throw new WrongConfirmationCodeError();
    await this.attempts.clear(member.email);
    const codes = newRecoveryCodes();
    await this.dataSource.transaction(async (manager) => {
      await this.repository.enable(manager, member.id, new Date());
      await this.repository.replaceRecoveryCodes(
        manager,
        member,
        codes.map((code) => hashRecoveryCode(member.id, code)),
      );
      await this.audit.record(
        {
          organisationId: member.organisationId,
          actorId: member.id,
          action: 'two_step.enabled',
          target: { type: 'member', id: member.id },
        },
        manager,
      );
    });
    return codes;
  }

  /** Turns two-step off: the password and a current code (from the app, or a recovery code). */
  async disable(caller: Caller, password: string, input: string): Promise<void> {
    const member = await this.member(caller);
    const row = await this.repository.find(member.id);
    if (!row?.enabledAt) throw new TwoStepOffError();
    await this.checkPassword(member, password, false);
    if (!(await this.acceptAnyCode(row, input))) throw new WrongConfirmationCodeError();
    await this.attempts.clear(member.email);
    await this.dataSource.transaction(async (manager) => {
      await this.repository.remove(manager, member.organisationId, member.id);
      await this.audit.record(
        {
          organisationId: member.organisationId,
          actorId: member.id,
          action: 'two_step.disabled',
          target: { type: 'member', id: member.id },
        },
        manager,
      );
    });
  }

  /** New recovery codes for the app's current code; the earlier ones stop working. */
  async renewRecoveryCodes(caller: Caller, input: string): Promise<string[]> {
    const member = await this.member(caller);
    const row = await this.repository.find(member.id);
    if (!row?.enabledAt) throw new TwoStepOffError();
    await this.attempts.count(member.email);
    if (!(await this.acceptAppCode(row, input))) throw new WrongConfirmationCodeError();
    await this.attempts.clear(member.email);
    const codes = newRecoveryCodes();
    await this.dataSource.transaction(async (manager) => {
      await this.repository.replaceRecoveryCodes(
        manager,
        member,
        codes.map((code) => hashRecoveryCode(member.id, code)),
      );
      await this.audit.record(
        {
          organisationId: member.organisationId,
          actorId: member.id,
          action: 'two_step.recovery_codes_renewed',
          target: { type: 'member', id: member.id },
        },
        manager,
      );
    });
    return codes;
  }

  /** An admin turns a member's two-step off (a lost phone); whether it was on. */
  async reset(caller: Caller, memberId: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const rows: unknown[] = await manager.query(
        'SELECT 1 FROM members WHERE id = $1 AND organisation_id = $2 FOR UPDATE',
        [memberId, caller.organisationId],
      );
      if (!rows.length) throw new MemberNotFoundError();
      const wasOn = await this.repository.remove(manager, caller.organisationId, memberId);
      if (wasOn) {
        await this.audit.record(
          {
            organisationId: caller.organisationId,
            actorId: caller.memberId,
            action: 'two_step.reset',
            target: { type: 'member', id: memberId },
          },
          manager,
        );
      }
      return wasOn;
    });
  }

  /** A pending sign-in: the password was right, the second step is to come. Signed, short-lived. */
  challengeFor(member: Member): { token: string; expiresAt: Date } {
    const expiresAt = new Date(Date.now() + TWO_STEP_CHALLENGE_SECONDS * 1000);
    const token = this.challenges.sign({
      sub: member.id,
      org: member.organisationId,
      sid: 'two-step',
      exp: Math.floor(expiresAt.getTime() / 1000),
    });
    return { token, expiresAt };
  }

  /**
   * The second step: the member of a pending sign-in, when the code is their app's current one
   * (unused) or an unused recovery code. Counts towards the account's lockout like a password; a
   * recovery code is then used up, and audited.
   */
  async completeSignIn(challenge: string | undefined, input: string): Promise<Member> {
    const claims = challenge ? this.challenges.verify(challenge) : undefined;
    if (!claims || claims.sid !== 'two-step') throw new TwoStepChallengeExpiredError();
    const member = await this.repository.activeMember(claims.org, claims.sub);
    if (!member) throw new TwoStepChallengeExpiredError();
    await this.attempts.count(member.email);
    const row = await this.repository.find(member.id);
    // Two-step turned off (or reset) since the password step: the password alone signs in again.
    if (!row?.enabledAt) throw new TwoStepChallengeExpiredError();
    const code = readSecondStepCode(input);
    let accepted = false;
    if (code?.kind === 'authenticator') accepted = await this.acceptAppCode(row, code.code);
    else if (code?.kind === 'recovery') accepted = await this.useRecoveryCode(member, code.code);
    if (!accepted) {
      await this.audit.record({
        organisationId: member.organisationId,
        actorId: null,
        action: 'auth.sign_in_failed',
        target: { type: 'member', id: member.id },
        details: { reason: 'wrong_two_step_code' },
      });
      throw new WrongTwoStepCodeError();
    }
    await this.attempts.clear(member.email);
    return member;
  }

  private async useRecoveryCode(member: Member, code: string): Promise<boolean> {
    const used = await this.repository.useRecoveryCode(
      member.id,
      hashRecoveryCode(member.id, code),
      new Date(),
    );
    if (used) {
      await this.audit.record({
        organisationId: member.organisationId,
        actorId: member.id,
        action: 'two_step.recovery_used',
        target: { type: 'member', id: member.id },
        details: { left: await this.repository.unusedRecoveryCodes(member.id) },
      });
    }
    return used;
  }

  /** The app's code, current (one step either side) and later than the last one used, which it now is. */
  private async acceptAppCode(row: MemberTwoStep, input: string): Promise<boolean> {
    const code = readAuthenticatorCode(input);
    if (!code) return false;
    const step = matchingStep(code, this.box.open(row.secretSealed, secretContext(row.memberId)));
    return step !== undefined && (await this.repository.useStep(row.memberId, step));
  }

  private async acceptAnyCode(row: MemberTwoStep, input: string): Promise<boolean> {
    const code = readSecondStepCode(input);
    if (code?.kind === 'recovery') {
      return this.repository.useRecoveryCode(
        row.memberId,
        hashRecoveryCode(row.memberId, code.code),
        new Date(),
      );
    }
    return this.acceptAppCode(row, input);
  }

  /** The password, checked like a sign-in: counted towards the lockout first. */
  private async checkPassword(member: Member, password: string, clear = true): Promise<void> {
    await this.attempts.count(member.email);
    if (!member.passwordHash || !(await verifyPassword(password, member.passwordHash))) {
      throw new WrongPasswordError();
    }
    if (clear) await this.attempts.clear(member.email);
  }

  private async member(caller: Caller): Promise<Member> {
    const member = await this.repository.activeMember(caller.organisationId, caller.memberId);
    if (!member) throw new MemberNotFoundError();
    return member;
  }

  private seal(memberId: string, secret: string): string {
    return this.box.seal(secret, secretContext(memberId));
  }
}

const secretContext = (memberId: string) => `two-step-secret:${memberId}`;

function newRecoveryCodes(): string[] {
  const codes = new Set<string>();
  while (codes.size < RECOVERY_CODE_COUNT) {
    let text = '';
    for (let i = 0; i < 10; i++) text += RECOVERY_CODE_ALPHABET[randomInt(RECOVERY_CODE_ALPHABET.length)];
    codes.add(`${text.slice(0, 5)}-${text.slice(5)}`);
  }
  return [...codes];
}

/** A recovery code's SHA-256, salted with the member's id so equal codes of two members differ. */
function hashRecoveryCode(memberId: string, code: string): string {
  return createHash('sha256').update(`${memberId}:${code}`).digest('base64url');
}
