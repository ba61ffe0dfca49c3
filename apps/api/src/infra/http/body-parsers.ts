import { HttpStatus } from '@nestjs/common';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { AppError } from './app-error';

interface ParserFailure {
  type?: string;
  status?: number;
}

/** body-parser's failures as the API's own errors, so the global filter names them precisely. */
function toAppError(error: ParserFailure): unknown {
  switch (error.type) {
    case 'entity.parse.failed':
      return new AppError(
        HttpStatus.BAD_REQUEST,
        'validation.malformed_json',
        'Bad request',
        'The body is not valid JSON.',
        [{ field: 'body', code: 'validation.malformed_json', message: 'The body is not valid JSON.' }],
      );
    case 'entity.too.large':
      return new AppError(
        HttpStatus.PAYLOAD_TOO_LARGE,
        'request.too_large',
        'Request body too large',
        'The request body is larger than the server accepts.',
      );
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return new AppError(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        'request.unsupported_encoding',
        'Unsupported media type',
        'The body encoding is not supported.',
      );
    default:
      return error;
  }
}

function guarded(parser: RequestHandler): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) =>
    parser(request, response, (error?: unknown) =>
      next(error ? toAppError(error as ParserFailure) : undefined),
    );
}

/**
 * JSON only: no route reads a form body from the global parsers (an upload's multipart body is read
 * by its own interceptor), and SameOriginGuard answers 415 to a body type a route does not declare.
 */
export function bodyParsers(limitBytes: number): RequestHandler[] {
  return [guarded(express.json({ limit: limitBytes }))];
}
