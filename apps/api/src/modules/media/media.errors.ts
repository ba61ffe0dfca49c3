import { HttpStatus } from '@nestjs/common';
import { AppError, NotFoundError } from '../../infra/http/app-error';

const FIELD = 'file';

/** A problem with the uploaded file; every one names the `file` field. */
export class MediaFileError extends AppError {
  constructor(status: HttpStatus, code: string, title: string, message: string) {
    super(status, code, title, message, [{ field: FIELD, code, message }]);
  }
}

export class MediaFileMissingError extends MediaFileError {
  constructor() {
    super(
      HttpStatus.BAD_REQUEST,
      'media.file_missing',
      'Invalid request',
      'Send the image or video as the multipart field "file".',
    );
  }
}

export class MediaFileEmptyError extends MediaFileError {
  constructor() {
    super(HttpStatus.BAD_REQUEST, 'media.file_empty', 'Invalid request', 'The file is empty.');
  }
}

export class MediaUnsupportedTypeError extends MediaFileError {
  constructor() {
    super(
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      'media.unsupported_type',
      'Unsupported media type',
      'The file is not a JPEG, PNG, WebP or GIF image, nor an MP4, QuickTime or WebM video.',
    );
  }
}

export class MediaCorruptError extends MediaFileError {
  constructor(format: string) {
    super(
      HttpStatus.BAD_REQUEST,
      'media.file_corrupt',
      'Invalid request',
      `The file starts like ${format} but is cut short or malformed.`,
    );
  }
}

export class MediaTooLargeError extends MediaFileError {
  constructor(kind: 'image' | 'video' | 'file', limitBytes: number) {
    super(
      HttpStatus.PAYLOAD_TOO_LARGE,
      'media.too_large',
      'File too large',
      `The ${kind} is larger than ${formatBytes(limitBytes)}, the most Heimo accepts.`,
    );
  }
}

/** The multipart body itself is broken: no boundary, a second file, an unexpected file field, … */
export class MediaUploadMalformedError extends MediaFileError {
  constructor(detail: string) {
    super(HttpStatus.BAD_REQUEST, 'media.upload_malformed', 'Invalid request', detail);
  }
}

/** Retry-After of a refused upload: about how long a large one takes on a slow line. */
const UPLOADS_BUSY_RETRY_SECONDS = 10;

/** The member already has as many uploads under way as one may. */
export class MediaUploadsBusyError extends AppError {
  constructor(limit: number) {
    const code = 'media.uploads_busy';
    const message = `You have ${limit} uploads under way; send this one when one of them is done.`;
    super(
      HttpStatus.TOO_MANY_REQUESTS,
      code,
      'Too many uploads',
      message,
      [{ field: FIELD, code, message }],
      { 'Retry-After': String(UPLOADS_BUSY_RETRY_SECONDS) },
      { retryAfterSeconds: UPLOADS_BUSY_RETRY_SECONDS },
    );
  }
}

export class MediaAltTextTooLongError extends AppError {
  constructor(max: number) {
    const code = 'media.alt_text_too_long';
    const message = `Describe the picture in at most ${max} characters.`;
    super(HttpStatus.BAD_REQUEST, code, 'Invalid request', message, [{ field: 'altText', code, message }]);
  }
}

export class MediaNotFoundError extends NotFoundError {
  constructor() {
    super('media.not_found', 'The media does not exist.');
  }
}

function formatBytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  if (mib >= 1 && Number.isInteger(mib * 10)) return `${mib} MiB`;
  const kib = bytes / 1024;
  if (kib >= 1 && Number.isInteger(kib * 10)) return `${kib} KiB`;
  return `${bytes} bytes`;
}
