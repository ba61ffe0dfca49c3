import {
  type CallHandler,
  type ExecutionContext,
  HttpStatus,
  Inject,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Observable } from 'rxjs';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import { MediaTooLargeError, MediaUploadMalformedError } from './media.errors';

/** Field name of the file part, as documented on the route. */
export const MEDIA_UPLOAD_FIELD = 'file';

const statusOf = (error: unknown): number | undefined =>
  typeof (error as { getStatus?: unknown }).getStatus === 'function'
    ? (error as { getStatus: () => number }).getStatus()
    : undefined;

/**
 * Reads the multipart body with multer into memory (one file part named `file`, no other part
 * larger than a short text) and turns multer's failures into the media module's problems, each
 * naming the field `file`. Multipart bodies are not read by the JSON body parser, so its limit does
 * not apply here; the file limit is the larger of the image and video limits, and the service checks
 * the kind's own limit once the type is known.
 */
@Injectable()
export class MediaUploadInterceptor implements NestInterceptor {
  private readonly multer: NestInterceptor;
  private readonly maxBytes: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.maxBytes = Math.max(config.MEDIA_MAX_IMAGE_BYTES, config.MEDIA_MAX_VIDEO_BYTES);
    const Multer = FileInterceptor(MEDIA_UPLOAD_FIELD, {
      // No storage: multer keeps the file in memory, and the media storage writes it once checked.
      limits: { fileSize: this.maxBytes, files: 1, fields: 8, fieldSize: 1024, parts: 9, headerPairs: 50 },
      // Browsers send UTF-8 file names without saying so.
      defParamCharset: 'utf8',
    });
    this.multer = new Multer();
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return await this.multer.intercept(context, next);
    } catch (error) {
      if (statusOf(error) === HttpStatus.PAYLOAD_TOO_LARGE)
        throw new MediaTooLargeError('file', this.maxBytes);
      const message = error instanceof Error ? error.message : String(error);
      throw new MediaUploadMalformedError(`The multipart body could not be read: ${message}.`);
    }
  }
}
