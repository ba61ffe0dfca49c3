import { formatIssue, type Issue } from '@heimo/content';
import { HttpStatus } from '@nestjs/common';
import { AppError, type FieldError, ValidationError } from '../../../infra/http/app-error';

const UNPROCESSABLE = 'Unprocessable content';

/** A refusal of the share command after the request's shape was fine; nothing was written. */
class ShareRefusedError extends AppError {
  constructor(
    status: HttpStatus,
    code: string,
    detail: string,
    errors: readonly FieldError[] = [],
    extensions: Readonly<Record<string, unknown>> = {},
  ) {
    const title =
      status === HttpStatus.FORBIDDEN
        ? 'Forbidden'
        : status === HttpStatus.CONFLICT
          ? 'Conflict'
          : UNPROCESSABLE;
    super(status, code, title, detail, errors, {}, extensions);
  }
}

export class InvalidIdempotencyKeyError extends ValidationError {
  constructor() {
    super([
      {
        field: 'Idempotency-Key',
        code: 'validation.idempotency_key',
        message: 'Idempotency-Key must be 1 to 200 visible ASCII characters',
      },
    ]);
  }
}

export class IdempotencyKeyReusedError extends ShareRefusedError {
  constructor() {
    super(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'share.idempotency_key_reused',
      'This Idempotency-Key was already used for a different share. Use a new key for a new share.',
      [
        {
          field: 'Idempotency-Key',
          code: 'share.idempotency_key_reused',
          message: 'Idempotency-Key was used with another request',
        },
      ],
    );
  }
}

export class PackNotPublishedError extends ShareRefusedError {
  constructor(state: string) {
    super(
      HttpStatus.CONFLICT,
      'share.pack_not_published',
      'The pack is not published, so it cannot be shared.',
      [],
      {
        state,
      },
    );
  }
}

export class PackExpiredError extends ShareRefusedError {
  constructor() {
    super(HttpStatus.CONFLICT, 'share.pack_expired', 'The pack has expired and can no longer be shared.');
  }
}

export class NotInAudienceError extends ShareRefusedError {
  constructor() {
    super(HttpStatus.FORBIDDEN, 'share.not_in_audience', 'This pack is not meant for you.');
  }
}

export class TrainingRequiredError extends ShareRefusedError {
  constructor(blocking: readonly { moduleId: string; title: string; status: string; code: string }[]) {
    super(
      HttpStatus.FORBIDDEN,
      'share.training_required',
      'Finish the required training before you share.',
      [],
      { blocking },
    );
  }
}

export class NetworkDisabledError extends ShareRefusedError {
  constructor() {
    super(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'share.network_disabled',
      'The organisation does not share on this network.',
      [{ field: 'network', code: 'share.network_disabled', message: 'network is not enabled' }],
    );
  }
}

export class NoVariantError extends ShareRefusedError {
  constructor(locale: string) {
    super(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'share.no_variant',
      'The pack has no caption for this network.',
      [{ field: 'network', code: 'share.no_variant', message: 'the pack has no variant for network' }],
      { locale },
    );
  }
}

export class CaptionEditNotAllowedError extends ShareRefusedError {
  constructor() {
    super(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'share.caption_edit_not_allowed',
      'This pack is shared with its own caption; leave caption out.',
      [
        {
          field: 'caption',
          code: 'share.caption_edit_not_allowed',
          message: 'caption may not be edited for this pack',
        },
      ],
    );
  }
}

/** The final caption, with the real link in, breaks a rule of the network or the organisation. */
export class CaptionInvalidError extends ShareRefusedError {
  constructor(issues: readonly Issue[]) {
    super(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'share.caption_invalid',
      issues.map((issue) => formatIssue(issue)).join(' '),
      issues.map((issue) => ({ field: 'caption', code: issue.code, message: formatIssue(issue) })),
      { issues },
    );
  }
}
