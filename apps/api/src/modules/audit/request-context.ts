import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { runInRequestContext } from '../../infra/http/request-context';
import { requestIdOf } from '../../infra/logging/request-id';

export { currentRequestId } from '../../infra/http/request-context';

/** Gives every request its context: its id (for audit events) and what the auth guard read of its caller. */
@Injectable()
export class RequestContextMiddleware implements NestMiddleware {
  use(request: Request, _response: Response, next: NextFunction): void {
    runInRequestContext(requestIdOf(request), request.method, next);
  }
}
