import { randomBytes } from 'node:crypto';
import { closeSync, createWriteStream, openSync, readSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { AppError } from '../../infra/http/app-error';
import type { MediaKind } from './entities/media-asset.entity';
import { MediaTooLargeError, MediaUnsupportedTypeError, MediaUploadMalformedError } from './media.errors';
import { type ByteSource, kindOf, mediaSignature, SIGNATURE_BYTES } from './media-sniffer';

/** Field name of the file part, as documented on the route. */
export const MEDIA_UPLOAD_FIELD = 'file';

/** An uploaded file, spooled to a temporary file while it was received. */
export interface UploadedMediaFile {
  readonly originalname: string;
  /** The temporary file; the upload's receiver removes it when the request ends. */
  readonly path: string;
  readonly size: number;
}

export interface UploadLimits {
  readonly image: number;
  readonly video: number;
}

export interface ReceivedUpload {
  readonly fields: Record<string, string>;
  readonly file: UploadedMediaFile | undefined;
}

/**
 * Reads a multipart body as it arrives: text fields (a few, short) and one file part `file`, written
 * to a new file under `tmpDir`. The limits hold while it streams: once the first bytes name a
 * format, its kind's limit applies (before, the larger one); the first byte over it, or a first
 * few bytes that name no format Heimo takes, end the upload there, without reading the rest. On
 * any refusal the temporary file is gone before this rejects; on success the caller removes it.
 */
export async function receiveUpload(
  request: IncomingMessage,
  limits: UploadLimits,
  tmpDir: string,
): Promise<ReceivedUpload> {
  // Made before the body is read, so a file part is written from its first byte on.
  await mkdir(tmpDir, { recursive: true });
  if (request.destroyed) throw new MediaUploadMalformedError('The upload was cut off.');
  return new Promise<ReceivedUpload>((resolve, reject) => {
    const fields = Object.create(null) as Record<string, string>;
    let file: UploadedMediaFile | undefined;
    let spooling: Promise<void> | undefined;
    let spooled: string | undefined;
    let fileStream: Readable | undefined;
    let settled = false;
    let parser: busboy.Busboy;

    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      request.unpipe(parser);
      request.pause();
      request.off('close', onClose);
      // A late error from the parser, its reading stopped, must not go unheard.
      parser.on('error', () => undefined);
      // A file part under way stops here (its spooling fails), and its file goes. With an error:
      // a part the parser already ended but not yet read would otherwise count as whole.
      fileStream?.destroy(new Error('The upload stopped.'));
      void Promise.resolve(spooling)
        .catch(() => undefined)
        .then(() => (spooled ? rm(spooled, { force: true }) : undefined))
        .finally(() => reject(error));
    };
    const onClose = () => {
      if (!request.complete) fail(new MediaUploadMalformedError('The upload was cut off.'));
    };

    try {
      parser = busboy({
        headers: request.headers,
        // busboy tells when a part comes beyond these (one file, eight short fields).
        limits: { files: 1, fields: 8, fieldSize: 1024, parts: 9, headerPairs: 50 },
        // Browsers send UTF-8 file names without saying so.
        defParamCharset: 'utf8',
      });
    } catch (error) {
      reject(new MediaUploadMalformedError(`The multipart body could not be read: ${messageOf(error)}.`));
      return;
    }
    const malformed = (detail: string) => fail(new MediaUploadMalformedError(detail));

    parser.on('field', (name, value, info) => {
      if (info.nameTruncated || info.valueTruncated) return malformed(`The field "${name}" is too long.`);
      fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      // The parser ends a file cut short with an error on its stream; the parser reports it too.
      stream.on('error', () => undefined);
      if (name !== MEDIA_UPLOAD_FIELD) {
        stream.resume();
        return malformed(`Unexpected file field "${name}": send the file as "${MEDIA_UPLOAD_FIELD}".`);
      }
      if (spooling) {
        stream.resume();
        return malformed(`Send one file only, as "${MEDIA_UPLOAD_FIELD}".`);
      }
      fileStream = stream;
      const path = join(tmpDir, `${randomBytes(12).toString('hex')}.upload`);
      spooled = path;
      const guard = new UploadGuard(limits);
      // Piped at once: a stream the parser ends or destroys later always settles the spooling.
      spooling = pipeline(stream, guard, createWriteStream(path, { flags: 'wx', mode: 0o600 })).then(() => {
        file = { originalname: info.filename, path, size: guard.size };
      });
      spooling.catch((error: unknown) =>
        fail(
          // A refusal, or the disk failing (a server error); else the body was at fault.
          error instanceof AppError || (error as NodeJS.ErrnoException).syscall
            ? (error as Error)
            : new MediaUploadMalformedError(`The multipart body could not be read: ${messageOf(error)}.`),
        ),
      );
    });
    parser.on('filesLimit', () => malformed(`Send one file only, as "${MEDIA_UPLOAD_FIELD}".`));
    parser.on('fieldsLimit', () => malformed('Too many form fields.'));
    parser.on('partsLimit', () => malformed('Too many parts in the multipart body.'));
    parser.on('error', (error) => malformed(`The multipart body could not be read: ${messageOf(error)}.`));
    parser.on('close', () => {
      void Promise.resolve(spooling).then(
        () => {
          if (settled) return;
          settled = true;
          request.off('close', onClose);
          resolve({ fields, file });
        },
        () => undefined, // failed above
      );
    });
    request.on('close', onClose);
    request.pipe(parser);
  });
}

/** Passes the file's bytes on while they stay within the limit of the kind the first bytes name. */
class UploadGuard extends Transform {
  size = 0;
  private head = Buffer.alloc(0);
  private kind: MediaKind | undefined;

  constructor(private readonly limits: UploadLimits) {
    super();
  }

  override _transform(
    chunk: Buffer,
    _encoding: BufferEncoding,
    done: (error?: Error | null, data?: Buffer) => void,
  ) {
    if (this.head.length < SIGNATURE_BYTES) {
      this.head = Buffer.concat([this.head, chunk.subarray(0, SIGNATURE_BYTES - this.head.length)]);
      if (this.head.length === SIGNATURE_BYTES) {
        const format = mediaSignature(this.head);
        if (!format) return done(new MediaUnsupportedTypeError());
        this.kind = kindOf(format);
      }
    }
    this.size += chunk.length;
    const limit = this.kind ? this.limits[this.kind] : Math.max(this.limits.image, this.limits.video);
    if (this.size > limit) return done(new MediaTooLargeError(this.kind ?? 'file', limit));
    done(null, chunk);
  }
}

const WINDOW = 64 * 1024;

/**
 * A file read for sniffing, a window at a time: the sniffer asks for a few bytes at each header,
 * chunk or box, so one read serves many. Synchronous, as the sniffer is; close it when done.
 */
export class FileByteSource implements ByteSource {
  private readonly fd: number;
  private windowStart = 0;
  private window = Buffer.alloc(0);

  constructor(
    path: string,
    readonly length: number,
  ) {
    this.fd = openSync(path, 'r');
  }

  read(at: number, length: number): Buffer {
    const end = Math.min(at + length, this.length);
    if (at < this.windowStart || end > this.windowStart + this.window.length) {
      const buffer = Buffer.alloc(Math.max(0, Math.min(Math.max(length, WINDOW), this.length - at)));
      const read = readSync(this.fd, buffer, 0, buffer.length, at);
      this.windowStart = at;
      this.window = buffer.subarray(0, read);
    }
    return this.window.subarray(at - this.windowStart, end - this.windowStart);
  }

  close(): void {
    closeSync(this.fd);
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
