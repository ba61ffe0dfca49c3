import { HttpStatus } from '@nestjs/common';
import { AppError } from '../../infra/http/app-error';
import { OUTBOUND_FAILURES } from '../../infra/outbound/outbound.errors';

/** Why a link could not be read. Stable: the client translates them. */
export const LINK_PREVIEW_ERROR_CODES = [
  ...OUTBOUND_FAILURES.map((failure) => `link_preview.${failure}` as const),
  'link_preview.http_status',
] as const;
export type LinkPreviewErrorCode = (typeof LINK_PREVIEW_ERROR_CODES)[number];

/** A link refused or not read: 400 naming the field `url`. */
export class LinkPreviewRefusedError extends AppError {
  constructor(code: LinkPreviewErrorCode, detail: string) {
    super(HttpStatus.BAD_REQUEST, code, 'Link not read', detail, [{ field: 'url', code, message: detail }]);
  }
}

/** A media refusal (`media.too_large`, `media.unsupported_type`, …) about bytes read from `url`. */
export class LinkImageRefusedError extends AppError {
  constructor(refusal: AppError) {
    super(refusal.status, refusal.code, refusal.title, refusal.message, [
      { field: 'url', code: refusal.code, message: refusal.message },
    ]);
  }
}
