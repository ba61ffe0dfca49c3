import { HttpStatus } from '@nestjs/common';
import { AppError } from '../../../../infra/http/app-error';

/** Why a Mastodon server a member named is refused. Stable: the client translates them. */
export const MASTODON_SERVER_ERROR_CODES = [
  'connection.server_invalid',
  'connection.server_not_https',
  'connection.server_private_address',
  'connection.server_unreachable',
  'connection.server_refused',
] as const;
export type MastodonServerErrorCode = (typeof MASTODON_SERVER_ERROR_CODES)[number];

/**
 * The server a member typed cannot be used: 400 naming the field `server`. `server_invalid` (not a
 * host name or an https origin), `server_not_https`, `server_private_address` (it is, or resolves
 * to, a private, loopback or otherwise non-public address), `server_unreachable` (no answer, or a
 * server error), `server_refused` (it answered, but refused to register Heimo: not a Mastodon server,
 * or one that does not take new apps).
 */
export class MastodonServerError extends AppError {
  constructor(code: MastodonServerErrorCode, detail: string) {
    super(HttpStatus.BAD_REQUEST, code, 'Server not usable', detail, [
      { field: 'server', code, message: detail },
    ]);
  }
}
