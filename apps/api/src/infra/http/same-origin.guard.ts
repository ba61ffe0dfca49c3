import {
  type CanActivate,
  type ExecutionContext,
  HttpStatus,
  Inject,
  Injectable,
  SetMetadata,
  applyDecorators,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiConsumes } from '@nestjs/swagger';
import type { Request } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { AppError } from './app-error';

const CROSS_SITE = 'heimo:cross-site';
const BODY_TYPES = 'heimo:body-types';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The route takes state-changing requests from other sites, because a standard has them come from
 * elsewhere (RFC 8058: a mail client posts the one-click unsubscribe). `reason` says which.
 */
export const AllowCrossSite = (reason: string) => SetMetadata(CROSS_SITE, reason);

/**
 * The body types the route reads besides JSON (an upload's `multipart/form-data`, RFC 8058's form),
 * documented in OpenAPI as what it consumes. Any other non-JSON body answers 415.
 */
export const AcceptsBody = (...mediaTypes: string[]) =>
  applyDecorators(SetMetadata(BODY_TYPES, mediaTypes), ApiConsumes(...mediaTypes));

export class CrossSiteRequestError extends AppError {
  constructor() {
    super(
      HttpStatus.FORBIDDEN,
      'request.cross_site',
      'Cross-site request refused',
      'This request came from another site. Open Heimo itself to do this.',
    );
  }
}

export class UnsupportedBodyError extends AppError {
  constructor(mediaType: string, accepted: readonly string[]) {
    const detail = `The body must be ${['application/json', ...accepted].join(' or ')}, not ${mediaType}.`;
    super(
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      'request.unsupported_media_type',
      'Unsupported media type',
      detail,
      [{ field: 'body', code: 'request.unsupported_media_type', message: detail }],
    );
  }
}

/**
 * Every state-changing request (POST, PUT, PATCH, DELETE) must come from Heimo's own pages, so a
 * page elsewhere cannot act with the cookies of someone signed in (or sign them in as someone else):
 *
 * - `Sec-Fetch-Site`, which browsers set and pages cannot, decides when present: `same-origin` and
 *   `none` (typed or bookmarked by the person) pass; `same-site` and `cross-site` do not.
 * - Otherwise `Origin`, which browsers send on every cross-origin POST, must be PUBLIC_URL's origin
 *   or name the host the request was sent to (`Host`).
 * - A request with neither is not from a browser page (curl, a script with a bearer token) and passes.
 *
 * Cross-site forms are also what carry `application/x-www-form-urlencoded`, `multipart/form-data`
 * and `text/plain` without asking: a body that is not JSON answers 415 unless the route declares
 * its type with `@AcceptsBody`. Routes that a standard has other sites call are marked
 * `@AllowCrossSite`.
 */
@Injectable()
export class SameOriginGuard implements CanActivate {
  private readonly trustedOrigin: string;

  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.trustedOrigin = new URL(config.publicUrl).origin;
  }

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request>();
    if (SAFE_METHODS.has(request.method)) return true;
    const targets = [context.getHandler(), context.getClass()];
    if (!this.reflector.getAllAndOverride<string>(CROSS_SITE, targets) && !this.fromOwnPage(request))
      throw new CrossSiteRequestError();
    const accepted = this.reflector.getAllAndOverride<string[] | undefined>(BODY_TYPES, targets) ?? [];
    const mediaType = mediaTypeOf(request);
    if (mediaType && mediaType !== 'application/json' && !accepted.includes(mediaType))
      throw new UnsupportedBodyError(mediaType, accepted);
    return true;
  }

  private fromOwnPage(request: Request): boolean {
    const site = request.headers['sec-fetch-site'];
    const origin = request.headers.origin;
    if (site) return site === 'same-origin' || site === 'none' || origin === this.trustedOrigin;
    if (origin === undefined) return true;
    if (origin === this.trustedOrigin) return true;
    try {
      return new URL(origin).host === request.headers.host?.toLowerCase();
    } catch {
      return false; // `Origin: null` (a sandboxed frame, a redirect from elsewhere) and nonsense
    }
  }
}

function mediaTypeOf(request: Request): string | undefined {
  const header = request.headers['content-type'];
  return header?.split(';')[0]?.trim().toLowerCase() || undefined;
}
