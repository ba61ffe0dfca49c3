import { HttpStatus } from '@nestjs/common';
import { AppError, ValidationError } from '../../infra/http/app-error';

/** A `team` filter that names no team of the caller's organisation (another organisation's included). */
export class UnknownTeamFilterError extends ValidationError {
  constructor() {
    super(
      [{ field: 'team', code: 'team.not_found', message: 'team is not a team of this organisation' }],
      'The team filter names no team of this organisation.',
    );
  }
}

/** A CSV download refused or stopped for the server's sake; `Retry-After` says when to ask again. */
class ExportRefusedError extends AppError {
  constructor(status: HttpStatus, code: string, title: string, detail: string, retryAfterSeconds: number) {
    super(
      status,
      code,
      title,
      detail,
      [],
      { 'Retry-After': String(retryAfterSeconds) },
      { retryAfterSeconds },
    );
  }
}

/** The member already has `EXPORT_MAX_PER_MEMBER` downloads running. */
export class TooManyExportsError extends ExportRefusedError {
  constructor(retryAfterSeconds: number) {
    super(
      HttpStatus.TOO_MANY_REQUESTS,
      'export.too_many',
      'Too many downloads',
      'You have as many downloads running as allowed. Try again when one has finished.',
      retryAfterSeconds,
    );
  }
}

/** The process already serves `EXPORT_MAX_CONCURRENT` downloads. */
export class ExportsBusyError extends ExportRefusedError {
  constructor(retryAfterSeconds: number) {
    super(
      HttpStatus.SERVICE_UNAVAILABLE,
      'export.busy',
      'Downloads busy',
      'The server is serving as many downloads as it may. Try again shortly.',
      retryAfterSeconds,
    );
  }
}

/** A statement of the download ran past `EXPORT_QUERY_TIMEOUT_MS` and was cancelled. */
export class ExportTimeoutError extends ExportRefusedError {
  constructor(retryAfterSeconds: number) {
    super(
      HttpStatus.SERVICE_UNAVAILABLE,
      'export.timeout',
      'Download took too long',
      'Reading the download took longer than the server allows. Try again later.',
      retryAfterSeconds,
    );
  }
}
