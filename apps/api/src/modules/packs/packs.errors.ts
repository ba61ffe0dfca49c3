import { HttpStatus } from '@nestjs/common';
import type { PackState, PackTransitionCode } from '@heimo/domain';
import {
  AppError,
  ConflictError,
  type FieldError,
  NotFoundError,
  ValidationError,
} from '../../infra/http/app-error';

export class PackNotFoundError extends NotFoundError {
  constructor() {
    super('pack.not_found', 'The pack does not exist.');
  }
}

/** A save or action against a version someone else has moved on from: nothing was written. */
export class StalePackError extends ConflictError {
  constructor(current: { version: number }) {
    super(
      'pack.stale_version',
      'The pack changed since you loaded it. Review the current version and try again.',
      { currentVersion: current.version, current },
    );
  }
}

/**
 * A published, expired or archived pack is what advocates shared (or could share): its content
 * stays as it was. Only the expiry of a published pack may still move.
 */
export class PackNotEditableError extends ConflictError {
  constructor(status: PackState, fields: readonly string[]) {
    super(
      'pack.not_editable',
      status === 'published'
        ? 'A published pack cannot be edited; only its expiry may change. Archive it and make a new pack.'
        : `A pack that is ${status} cannot be changed. Make a new pack instead.`,
      // Not `status`: that member of a problem document is the HTTP status.
      { state: status, fields },
    );
  }
}

export class PackSlugTakenError extends AppError {
  constructor() {
    super(
      HttpStatus.CONFLICT,
      'pack.slug_taken',
      'Conflict',
      'Another pack of the organisation already uses this slug.',
      [{ field: 'slug', code: 'pack.slug_taken', message: 'slug is already used by another pack' }],
    );
  }
}

/** Content or schedule rules beyond the DTO's shape; every error names its field and rule. */
export class InvalidPackError extends ValidationError {
  constructor(errors: readonly FieldError[]) {
    super(errors, 'The pack is not valid.');
  }
}

const TRANSITION_DETAILS: Record<PackTransitionCode, [HttpStatus, string]> = {
  'pack.transition_not_allowed': [HttpStatus.CONFLICT, 'This action is not possible in the pack’s state.'],
  'pack.curator_required': [HttpStatus.FORBIDDEN, 'Only curators may do this.'],
  'pack.four_eyes_required': [
    HttpStatus.FORBIDDEN,
    'You wrote or edited this pack, so someone else reviews it (four-eyes approval). Withdraw it to change it.',
  ],
  'pack.comment_required': [HttpStatus.BAD_REQUEST, 'Say in a comment why the pack goes back.'],
  'pack.comment_too_long': [HttpStatus.BAD_REQUEST, 'The comment is too long.'],
  'pack.already_expired': [HttpStatus.CONFLICT, 'The pack’s expiry has passed, so it cannot be published.'],
};

/** A lifecycle refusal of `canTransition`, with the code of `@heimo/domain`. */
export class PackTransitionRefusedError extends AppError {
  constructor(code: PackTransitionCode, params: Readonly<Record<string, string | number>>) {
    const [status, detail] = TRANSITION_DETAILS[code];
    const titles: Partial<Record<HttpStatus, string>> = {
      [HttpStatus.BAD_REQUEST]: 'Invalid request',
      [HttpStatus.FORBIDDEN]: 'Forbidden',
      [HttpStatus.CONFLICT]: 'Conflict',
    };
    const errors: FieldError[] =
      status === HttpStatus.BAD_REQUEST ? [{ field: 'comment', code, message: detail }] : [];
    super(status, code, titles[status] ?? 'Refused', detail, errors, {}, { params });
  }
}
