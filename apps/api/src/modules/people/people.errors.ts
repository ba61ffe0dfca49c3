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
