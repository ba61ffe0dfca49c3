import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppError } from './app-error';
import { type Problem, PROBLEM_CONTENT_TYPE, problemType } from './problem';
import { requestIdOf } from '../logging/request-id';

const titles: Record<number, [string, string]> = {
  400: ['Bad request', 'bad_request'],
  401: ['Not signed in', 'auth.unauthenticated'],
  403: ['Forbidden', 'auth.forbidden'],
  404: ['Not found', 'not_found'],
  405: ['Method not allowed', 'method_not_allowed'],
  409: ['Conflict', 'conflict'],
  413: ['Request body too large', 'request.too_large'],
  415: ['Unsupported media type', 'request.unsupported_media_type'],
  429: ['Too many requests', 'rate_limited'],
};

/** Turns every error into RFC 9457 `application/problem+json`. Unexpected errors leave as a bare 500. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = this.toProblem(exception, requestIdOf(request));
    if (problem.status >= 500) {
      this.logger.error(
        { err: exception, requestId: problem.requestId },
        exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
      );
    }
    if (exception instanceof AppError) {
      for (const [name, value] of Object.entries(exception.headers)) response.setHeader(name, value);
    }
    if (response.headersSent) return;
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown, requestId: string): Problem {
    if (exception instanceof AppError) {
      return {
        type: problemType(exception.code),
        title: exception.title,
        status: exception.status,
        detail: exception.message,
        code: exception.code,
        ...(exception.errors.length ? { errors: [...exception.errors] } : {}),
        ...exception.extensions,
        requestId,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const [title, code] = titles[status] ?? [exception.name, `http.${status}`];
      const detail =
        typeof body === 'string'
          ? body
          : typeof body === 'object' && body && 'message' in body
            ? String((body as { message: unknown }).message)
            : title;
      return {
        type: problemType(code),
        title,
        status,
        detail: status === 404 ? 'The resource does not exist.' : detail,
        code,
        requestId,
      };
    }
    return {
      type: problemType('internal'),
      title: 'Internal error',
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      detail: 'Something went wrong on our side. Quote the request id when you report it.',
      code: 'internal',
      requestId,
    };
  }
}
