import { HttpStatus } from '@nestjs/common';
import { AppError, ConflictError, NotFoundError } from '../../infra/http/app-error';

/** A field of the sign-in settings refused: 400 naming it. */
export class SsoFieldError extends AppError {
  constructor(field: string, code: string, detail: string, status = HttpStatus.BAD_REQUEST) {
    super(status, code, 'Invalid sign-in settings', detail, [{ field, code, message: detail }]);
  }
}

export class SsoProviderNotFoundError extends NotFoundError {
  constructor() {
    super('sso.provider_not_found', 'The organisation has no single sign-on provider.');
  }
}

export class SsoDomainNotFoundError extends NotFoundError {
  constructor() {
    super('sso.domain_not_found', 'The domain is not one of the organisation’s.');
  }
}

export class SsoDomainTakenError extends ConflictError {
  constructor() {
    super('sso.domain_taken', 'Another organisation has verified this domain.');
  }
}

export class SsoDomainExistsError extends ConflictError {
  constructor() {
    super('sso.domain_exists', 'The organisation has added this domain already.');
  }
}

/** The DNS TXT record proving a domain is missing or holds another value. */
export class SsoDomainUnprovenError extends AppError {
  constructor(detail: string) {
    super(HttpStatus.UNPROCESSABLE_ENTITY, 'sso.domain_unproven', 'Domain not verified', detail, [
      { field: 'domain', code: 'sso.domain_unproven', message: detail },
    ]);
  }
}

export { SsoRequiredError } from '../auth/auth.errors';
