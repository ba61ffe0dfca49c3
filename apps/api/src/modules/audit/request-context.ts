import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { requestIdOf } from '../../infra/logging/request-id';

interface RequestContext {
  readonly requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** The id of the request being served, so audit events carry it without every call passing it on. */
export function currentRequestId(): string | null {
  return storage.getStore()?.requestId ?? null;
}

@Injectable()
export class RequestContextMiddleware implements NestMiddleware {
  use(request: Request, _response: Response, next: NextFunction): void {
    storage.run({ requestId: requestIdOf(request) }, next);
  }
}
