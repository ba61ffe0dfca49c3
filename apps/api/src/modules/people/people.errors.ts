import { HttpStatus } from '@nestjs/common';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../infra/http/app-error';

export class EmailTakenError extends ConflictError {
  constructor() {
    super('member.email_taken', 'Someone in the organisation already uses this e-mail address.');
  }
}

export class StaleMemberError extends ConflictError {
  constructor(current: unknown) {
    super('member.stale_version', 'The member changed since you loaded them. Review and try again.', {
      current,
    });
  }
}

/** An admin may not lock themselves out: the organisation would be left without its admin. */
export class CannotRemoveOwnAdminError extends ConflictError {
  constructor() {
    super('member.cannot_remove_own_admin', 'You cannot remove your own admin role. Ask another admin.');
  }
}

export class CannotDeactivateSelfError extends ConflictError {
  constructor() {
    super('member.cannot_deactivate_self', 'You cannot deactivate yourself. Ask another admin.');
  }
}

export class CannotEraseSelfError extends ConflictError {
  constructor() {
    super('member.cannot_erase_self', 'You cannot erase yourself. Ask another admin.');
  }
}

/** An organisation always keeps at least one active admin. */
export class LastAdminError extends ConflictError {
  constructor() {
    super(
      'member.last_admin',
      'This is the last active admin of the organisation. Make someone else an admin first.',
    );
  }
}

export class InvalidStatusChangeError extends ConflictError {
  constructor(detail: string) {
    super('member.invalid_status_change', detail);
  }
}

export class UnknownTeamError extends ValidationError {
  constructor(field = 'teamId') {
    super([{ field, code: 'team.not_found', message: `${field} is not a team of the organisation` }]);
  }
}

export class FanRolesError extends ValidationError {
  constructor() {
    super([{ field: 'roles', code: 'member.fan_advocate_only', message: 'a fan may only be an advocate' }]);
  }
}

export class InvitationNotFoundError extends NotFoundError {
  constructor() {
    super('invitation.not_found', 'This invitation link is not valid. Ask for a new invitation.');
  }
}

export class InvitationExpiredError extends AppError {
  constructor() {
    super(
      HttpStatus.GONE,
      'invitation.expired',
      'Invitation expired',
      'This invitation has expired. Ask for a new one.',
    );
  }
}

export class InvitationUsedError extends AppError {
  constructor() {
    super(
      HttpStatus.GONE,
      'invitation.used',
      'Invitation used',
      'This invitation has already been accepted. Sign in instead.',
    );
  }
}

/** A reset link that was never issued (forged, mistyped): 400 naming the token. */
export class PasswordResetInvalidError extends AppError {
  constructor() {
    const detail = 'This password reset link is not valid. Ask for a new one.';
    super(HttpStatus.BAD_REQUEST, 'password_reset.invalid', 'Reset link not valid', detail, [
      { field: 'token', code: 'password_reset.invalid', message: detail },
    ]);
  }
}

export class PasswordResetUsedError extends AppError {
  constructor() {
    const detail = 'This password reset link was used already. Ask for a new one.';
    super(HttpStatus.GONE, 'password_reset.used', 'Reset link used', detail, [
      { field: 'token', code: 'password_reset.used', message: detail },
    ]);
  }
}

export class PasswordResetExpiredError extends AppError {
  constructor() {
    const detail = 'This password reset link has expired: links work for 60 minutes. Ask for a new one.';
    super(HttpStatus.GONE, 'password_reset.expired', 'Reset link expired', detail, [
      { field: 'token', code: 'password_reset.expired', message: detail },
    ]);
  }
}

export class WrongCurrentPasswordError extends AppError {
  constructor() {
    const detail = 'The current password is wrong.';
    super(HttpStatus.BAD_REQUEST, 'password.wrong_current', 'Current password wrong', detail, [
      { field: 'currentPassword', code: 'password.wrong_current', message: detail },
    ]);
  }
}

export class MemberNotActiveError extends ConflictError {
  constructor() {
    super('member.not_active', 'Only an active member can be sent a password reset link.');
  }
}

/** The member's organisation requires single sign-on for their address: a reset link would set nothing. */
export class MemberUsesSingleSignOnError extends ConflictError {
  constructor() {
    super(
      'member.sso_required',
      'The organisation signs this member in through its identity provider: a password reset link is no use.',
    );
  }
}

export class FanSignupInvalidError extends AppError {
  constructor() {
    const detail = 'This confirmation link is not valid. Sign up again with the join link.';
    super(HttpStatus.BAD_REQUEST, 'fan_signup.invalid', 'Confirmation link not valid', detail, [
      { field: 'token', code: 'fan_signup.invalid', message: detail },
    ]);
  }
}

export class FanSignupUsedError extends AppError {
  constructor() {
    const detail = 'This confirmation link was used already. Sign in instead.';
    super(HttpStatus.GONE, 'fan_signup.used', 'Confirmation link used', detail, [
      { field: 'token', code: 'fan_signup.used', message: detail },
    ]);
  }
}

export class FanSignupExpiredError extends AppError {
  constructor() {
    const detail =
      'This confirmation link has expired: links work for 48 hours. Sign up again with the join link.';
    super(HttpStatus.GONE, 'fan_signup.expired', 'Confirmation link expired', detail, [
      { field: 'token', code: 'fan_signup.expired', message: detail },
    ]);
  }
}

/** The first run's setup is done (an organisation exists): the setup link no longer opens anything. */
export class SetupClosedError extends NotFoundError {
  constructor() {
    super('setup.closed', 'Setup is done: this Heimo already has an organisation. Sign in instead.');
  }
}

/** A setup token that is not the one the server printed (forged, mistyped, or from an earlier start). */
export class SetupTokenInvalidError extends AppError {
  constructor() {
    const detail = 'This setup link is not valid. Use the link the server printed at its latest start.';
    super(HttpStatus.FORBIDDEN, 'setup.token_invalid', 'Setup link not valid', detail, [
      { field: 'token', code: 'setup.token_invalid', message: detail },
    ]);
  }
}

/** Creating organisations from the web is off (ALLOW_ORGANISATION_SIGNUP): the routes do not exist. */
export class OrganisationSignupOffError extends NotFoundError {
  constructor() {
    super(
      'organisation_signup.off',
      'Creating organisations from the web is not open on this Heimo. Ask its operator.',
    );
  }
}

export class OrganisationSignupInvalidError extends AppError {
  constructor() {
    const detail = 'This link is not valid. Ask for a new one with the form for creating an organisation.';
    super(HttpStatus.BAD_REQUEST, 'organisation_signup.invalid', 'Link not valid', detail, [
      { field: 'token', code: 'organisation_signup.invalid', message: detail },
    ]);
  }
}

export class OrganisationSignupUsedError extends AppError {
  constructor() {
    const detail = 'This link was used already: the organisation exists. Sign in instead.';
    super(HttpStatus.GONE, 'organisation_signup.used', 'Link used', detail, [
      { field: 'token', code: 'organisation_signup.used', message: detail },
    ]);
  }
}

export class OrganisationSignupExpiredError extends AppError {
  constructor() {
    const detail = 'This link has expired: links work for 48 hours. Ask for a new one.';
    super(HttpStatus.GONE, 'organisation_signup.expired', 'Link expired', detail, [
      { field: 'token', code: 'organisation_signup.expired', message: detail },
    ]);
  }
}

/**
 * The member's name, e-mail and status are kept by the identity provider (provisioned through SCIM,
 * or created at a single sign-on): a local change would be undone at the next sync, so it is refused.
 */
export class ManagedMemberError extends ConflictError {
  constructor(managedBy: 'scim' | 'sso') {
    super(
      'member.managed',
      managedBy === 'scim'
        ? 'This member is provisioned by your identity provider (SCIM): change their name, e-mail and status there.'
        : 'This member joined through single sign-on: change their name, e-mail and status at your identity provider.',
      { managedBy },
    );
  }
}
