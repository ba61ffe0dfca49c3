import { HttpStatus } from '@nestjs/common';
import { AppError, ConflictError, NotFoundError } from '../../infra/http/app-error';

/** Why a webhook URL is refused when a channel is added or changed. Stable: the web client translates them. */
export const CHANNEL_URL_CODES = [
  'channel.bad_url',
  'channel.bad_scheme',
  'channel.not_https',
  'channel.credentials_in_url',
  'channel.private_address',
  'channel.wrong_host',
  'channel.bad_path',
] as const;
export type ChannelUrlCode = (typeof CHANNEL_URL_CODES)[number];

/** A webhook URL refused: 400 naming the field `url`. Nothing is saved. */
export class ChannelUrlRefusedError extends AppError {
  constructor(code: ChannelUrlCode, detail: string) {
    super(HttpStatus.BAD_REQUEST, code, 'Webhook URL refused', detail, [
      { field: 'url', code, message: detail },
    ]);
  }
}

export class ChannelNotFoundError extends NotFoundError {
  constructor() {
    super('channel.not_found', 'The channel does not exist.');
  }
}

export class ChannelLimitError extends ConflictError {
  constructor(limit: number) {
    super('channel.limit', `An organisation has at most ${limit} channels; remove one first.`, { limit });
  }
}
