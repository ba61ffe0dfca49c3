import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Response } from 'express';
import { AppError } from '../../infra/http/app-error';

export const SCIM_CONTENT_TYPE = 'application/scim+json';
export const SCIM_ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** RFC 7644 §3.12's `scimType` values that Heimo answers. */
export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers';

/** An error in SCIM's own shape (status, scimType, detail) rather than problem+json. */
export class ScimError extends Error {
  constructor(
    readonly status: number,
    readonly scimType: ScimType | undefined,
    detail: string,
  ) {
    super(detail);
    this.name = 'ScimError';
  }
}

export const scimBadRequest = (scimType: ScimType, detail: string) =>
  new ScimError(HttpStatus.BAD_REQUEST, scimType, detail);

export const scimNotFound = (what: 'User' | 'Group', id: string) =>
  new ScimError(HttpStatus.NOT_FOUND, undefined, `${what} ${id} not found.`);

export interface ScimErrorBody {
  schemas: [typeof SCIM_ERROR_SCHEMA];
  status: string;
  scimType?: ScimType;
  detail: string;
}

export function scimErrorBody(status: number, scimType: ScimType | undefined, detail: string): ScimErrorBody {
  return {
    schemas: [SCIM_ERROR_SCHEMA],
    status: String(status),
    ...(scimType ? { scimType } : {}),
    detail,
  };
}

/**
 * Every error on the SCIM routes as a SCIM error document (RFC 7644 §3.12) with
 * `application/scim+json`: Heimo's own errors (a revoked token's 401, a rate limit's 429, the last
 * admin's 409) keep their status and detail; unexpected ones answer a bare 500.
 */
@Catch()
export class ScimErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ScimErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    let body: ScimErrorBody;
    if (exception instanceof ScimError) {
      body = scimErrorBody(exception.status, exception.scimType, exception.message);
    } else if (exception instanceof AppError) {
      for (const [name, value] of Object.entries(exception.headers)) response.setHeader(name, value);
      body = scimErrorBody(exception.status, undefined, exception.message);
    } else if (exception instanceof HttpException) {
      const status = exception.getStatus();
      body = scimErrorBody(status, undefined, status === 404 ? 'Not found.' : exception.message);
    } else {
      this.logger.error(
        { err: exception },
        exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
      );
      body = scimErrorBody(500, undefined, 'Something went wrong on our side.');
    }
    if (response.headersSent) return;
    response.status(Number(body.status)).type(SCIM_CONTENT_TYPE).send(JSON.stringify(body));
  }
}
