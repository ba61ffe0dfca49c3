import { HttpStatus } from '@nestjs/common';

export interface FieldError {
  /** Dotted path of the field in the request, e.g. `email` or `variants.0.caption`. */
  readonly field: string;
  /** Stable code the client translates. */
  readonly code: string;
  readonly message: string;
}

/**
 * Base of every error a module throws on purpose. `code` is stable and documented
 * (`auth.invalid_credentials`, `pack.variant_too_long`, …); the global filter turns it into problem+json.
 */
export class AppError extends Error {
  constructor(
    readonly status: HttpStatus,
    readonly code: string,
    readonly title: string,
    detail?: string,
    readonly errors: readonly FieldError[] = [],
    readonly headers: Readonly<Record<string, string>> = {},
    /** Extra members of the problem document (for example the current state on a 409). */
    readonly extensions: Readonly<Record<string, unknown>> = {},
  ) {
    super(detail ?? title);
    this.name = new.target.name;
  }
}

export class NotFoundError extends AppError {
  constructor(code = 'not_found', detail = 'The resource does not exist.') {
    super(HttpStatus.NOT_FOUND, code, 'Not found', detail);
  }
}

export class ValidationError extends AppError {
  constructor(errors: readonly FieldError[], detail = 'The request is not valid.') {
    super(HttpStatus.BAD_REQUEST, 'validation.failed', 'Invalid request', detail, errors);
  }
}

export class UnauthenticatedError extends AppError {
  constructor(code = 'auth.unauthenticated', detail = 'Sign in to continue.') {
    super(HttpStatus.UNAUTHORIZED, code, 'Not signed in', detail);
  }
}

export class ForbiddenError extends AppError {
  constructor(code = 'auth.forbidden', detail = 'Your role does not allow this.') {
    super(HttpStatus.FORBIDDEN, code, 'Forbidden', detail);
  }
}

export class ConflictError extends AppError {
  constructor(code: string, detail: string, extensions: Record<string, unknown> = {}) {
    super(HttpStatus.CONFLICT, code, 'Conflict', detail, [], {}, extensions);
  }
}
