import { join } from 'node:path';
import { rm } from 'node:fs/promises';
import {
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { finalize, type Observable } from 'rxjs';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import type { Caller } from '../../infra/http/caller';
import { MediaUploadsBusyError } from './media.errors';
import { receiveUpload, type UploadedMediaFile, type UploadLimits } from './media-upload';

/** Uploads one member may have under way at once; the next is refused until one ends. */
export const MAX_UPLOADS_PER_MEMBER = 2;

/**
 * Receives the multipart body of an upload (`receiveUpload`): the file part `file` streams to a
 * temporary file under `DATA_DIR/tmp/uploads`, checked against the limits as it arrives, and the
 * route reads it as `@UploadedFile()`; the temporary file is removed when the request ends, stored
 * or not. Multipart bodies are not read by the JSON body parser, so its limit does not apply here.
 * A member has at most `MAX_UPLOADS_PER_MEMBER` uploads under way in this process; the next one is
 * refused with 429 before its body is read. An upload refused before its body was all read closes
 * the connection, so the rest is never read.
 */
@Injectable()
export class MediaUploadInterceptor implements NestInterceptor {
  private readonly limits: UploadLimits;
  private readonly tmpDir: string;
  private readonly underWay = new Map<string, number>();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.limits = { image: config.MEDIA_MAX_IMAGE_BYTES, video: config.MEDIA_MAX_VIDEO_BYTES };
    this.tmpDir = join(config.DATA_DIR, 'tmp', 'uploads');
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request & { caller?: Caller; file?: UploadedMediaFile }>();
    const response = http.getResponse<Response>();
    // Not multipart: no file, which the route answers.
    if (!/^multipart\//i.test(request.headers['content-type'] ?? '')) return next.handle();
    let release: () => void;
    try {
      release = this.claim(request.caller?.memberId ?? '');
    } catch (error) {
      response.setHeader('Connection', 'close');
      throw error;
    }
    let file: UploadedMediaFile | undefined;
    const cleanUp = () => {
      release();
      if (file) void rm(file.path, { force: true });
    };
    // A client gone mid-way frees its place at once (its file goes when the route is done with it).
    response.once('close', release);
    try {
      const upload = await receiveUpload(request, this.limits, this.tmpDir);
      file = upload.file;
      request.body = upload.fields;
      request.file = file;
    } catch (error) {
      cleanUp();
      if (!request.complete) response.setHeader('Connection', 'close');
      throw error;
    }
    return next.handle().pipe(finalize(cleanUp));
  }

  /** Counts an upload of the member; the returned function (idempotent) ends it. */
  private claim(memberId: string): () => void {
    const count = this.underWay.get(memberId) ?? 0;
    if (count >= MAX_UPLOADS_PER_MEMBER) throw new MediaUploadsBusyError(MAX_UPLOADS_PER_MEMBER);
    this.underWay.set(memberId, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.underWay.get(memberId) ?? 1) - 1;
      if (left > 0) this.underWay.set(memberId, left);
      else this.underWay.delete(memberId);
    };
  }
}
