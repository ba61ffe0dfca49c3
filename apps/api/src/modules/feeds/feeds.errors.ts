import { HttpStatus } from '@nestjs/common';
import { AppError, ConflictError, NotFoundError } from '../../infra/http/app-error';

/** Why a feed (or a feed image) could not be read. Stable: recorded on the source and translated by the client. */
export const FEED_ERROR_CODES = [
  'feed.bad_url',
  'feed.bad_scheme',
  'feed.private_address',
  'feed.dns_failed',
  'feed.connect_failed',
  'feed.timeout',
  'feed.too_large',
  'feed.http_status',
  'feed.too_many_redirects',
  'feed.not_a_feed',
  'feed.unsafe_xml',
  'feed.import_failed',
] as const;
export type FeedErrorCode = (typeof FEED_ERROR_CODES)[number];

/** A refused or failed fetch, or a document that is not a feed. Not an HTTP error by itself. */
export class FeedFetchError extends Error {
  constructor(
    readonly code: FeedErrorCode,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'FeedFetchError';
  }
}

/** A feed URL refused when a source is added: 400 naming the field `url`. */
export class FeedRefusedError extends AppError {
  constructor(code: FeedErrorCode, detail: string) {
    super(HttpStatus.BAD_REQUEST, code, 'Feed refused', detail, [{ field: 'url', code, message: detail }]);
  }
}

export class FeedSourceNotFoundError extends NotFoundError {
  constructor() {
    super('feed.source_not_found', 'The feed source does not exist.');
  }
}

export class FeedSourceExistsError extends ConflictError {
  constructor() {
    super('feed.source_exists', 'This feed is already a source of the organisation.');
  }
}
