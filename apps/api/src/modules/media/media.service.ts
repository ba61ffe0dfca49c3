import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { normaliseAltText } from '@heimo/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import { AuditService } from '../audit/audit.service';
import type { Caller } from '../../infra/http/caller';
import type { MediaAssetDto } from './dto/media-asset.dto';
import type { MediaAsset } from './entities/media-asset.entity';
import { mediaPath } from './media-path';
import { MediaRepository } from './media.repository';
import {
  MediaAltTextTooLongError,
  MediaCorruptError,
  MediaFileEmptyError,
  MediaFileMissingError,
  MediaNotFoundError,
  MediaTooLargeError,
  MediaUnsupportedTypeError,
} from './media.errors';
import { type ByteSource, sniffMedia } from './media-sniffer';
import { FileByteSource, type UploadedMediaFile } from './media-upload';
import { MEDIA_STORAGE, type MediaStorage, type StoredObject } from './storage/media-storage';

export interface StoreMediaInput {
  readonly organisationId: string;
  /** Null when the system stores it (a feed import). */
  readonly createdById: string | null;
  readonly data: Buffer;
  /** Shown to people only; never used as a storage path. */
  readonly originalName: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_NAME_LENGTH = 255;
/** Control, format (bidi overrides, zero-width) and line/paragraph separator characters. */
const HIDDEN_CHARACTERS = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

/** A random key, spread over 256 folders so no folder grows too large. */
function newStorageKey(): string {
  const id = randomBytes(16).toString('hex');
  return `${id.slice(0, 2)}/${id}`;
}

/** The last path segment of a client's file name, without invisible characters, at most 255 long. */
function displayName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  const clean = base.replace(HIDDEN_CHARACTERS, '').trim();
  return [...clean].slice(0, MAX_NAME_LENGTH).join('') || 'upload';
}

/**
 * Images and video of an organisation: checked from their bytes, stored through the media storage,
 * served publicly by id. Other modules store media through `store` and look it up with
 * `findInOrganisation`.
 */
@Injectable()
export class MediaService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly assets: MediaRepository,
    @Inject(MEDIA_STORAGE) private readonly storage: MediaStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  /**
   * Checks the bytes (type from their content, size limits, image dimensions), writes them to the
   * storage, then the row through `manager` (the caller's transaction) or on its own. Throws a 4xx
   * error naming the field `file` when the bytes are refused. The bytes are written before the row,
   * so a row never points at nothing; when the caller's transaction rolls back afterwards, call
   * `discard` with the asset to remove the bytes (else they stay, unreferenced and unreachable).
   */
  async store(manager: EntityManager | null, input: StoreMediaInput): Promise<MediaAsset> {
    return this.save(manager, input, this.check(input.data), input.data.length, () => input.data);
  }

  /**
   * `store` for bytes in a file (an upload, spooled as it arrived): read a few at a time to check,
   * then streamed to the storage. The file stays where it is; its owner removes it.
   */
  async storeFile(
    manager: EntityManager | null,
    input: Omit<StoreMediaInput, 'data'> & { readonly path: string; readonly bytes: number },
  ): Promise<MediaAsset> {
    const source = new FileByteSource(input.path, input.bytes);
    let checked: ReturnType<MediaService['check']>;
    try {
      checked = this.check(source);
    } finally {
      source.close();
    }
    return this.save(manager, input, checked, input.bytes, () => createReadStream(input.path));
  }

  private async save(
    manager: EntityManager | null,
    input: Omit<StoreMediaInput, 'data'>,
    checked: ReturnType<MediaService['check']>,
    bytes: number,
    data: () => Buffer | Readable,
  ): Promise<MediaAsset> {
    const storageKey = newStorageKey();
    await this.storage.put(storageKey, data());
    try {
      return await this.assets.insert(manager, {
        organisationId: input.organisationId,
        kind: checked.kind,
        contentType: checked.contentType,
        bytes,
        width: checked.width,
        height: checked.height,
        storageKey,
        originalName: displayName(input.originalName),
        createdById: input.createdById,
      });
    } catch (error) {
      await this.storage.delete(storageKey).catch(() => undefined);
      throw error;
    }
  }

  /** Removes the bytes of an asset whose row was rolled back. */
  async discard(asset: Pick<MediaAsset, 'storageKey'>): Promise<void> {
    await this.storage.delete(asset.storageKey);
  }

  /** The assets of the organisation among `ids`, in the order asked; ids not found (or malformed) are left out. */
  async findInOrganisation(organisationId: string, ids: readonly string[]): Promise<MediaAsset[]> {
    const wanted = [...new Set(ids.filter((id) => UUID.test(id)).map((id) => id.toLowerCase()))];
    if (!wanted.length) return [];
    const found = await this.assets.inOrganisation(organisationId, wanted);
    const byId = new Map(found.map((asset) => [asset.id, asset]));
    return wanted.flatMap((id) => byId.get(id) ?? []);
  }

  /**
   * Absolute address of the bytes on `PUBLIC_URL`, for what leaves Heimo (share intents of networks
   * that fetch media themselves, e-mails). The web client gets `mediaPath`.
   */
  publicUrl(asset: Pick<MediaAsset, 'id'>): string {
    return `${this.config.publicUrl}${mediaPath(asset.id)}`;
  }

  /**
   * A curator's description of a picture (its alternative text), and its audit event, in one
   * transaction. Any asset of the organisation may be described, whatever packs use it: a better
   * description helps everywhere the picture shows.
   */
  async describe(caller: Caller, mediaId: string, altText: string): Promise<MediaAssetDto> {
    const checked = normaliseAltText(altText);
    if (!checked.ok) throw new MediaAltTextTooLongError(checked.max);
    const [found] = await this.findInOrganisation(caller.organisationId, [mediaId]);
    if (!found) throw new MediaNotFoundError();
    return this.dataSource.transaction(async (manager) => {
      const asset = await this.assets.describe(manager, found, checked.text);
      await this.audit.record(
        {
          organisationId: caller.organisationId,
          actorId: caller.memberId,
          action: 'media.described',
          target: { type: 'media_asset', id: asset.id },
          details: { characters: [...asset.altText].length },
        },
        manager,
      );
      return this.toDto(asset);
    });
  }

  /** An upload through the API: the asset and its audit event in one transaction. */
  async upload(caller: Caller, file: UploadedMediaFile | undefined): Promise<MediaAssetDto> {
    if (!file) throw new MediaFileMissingError();
    return this.storeForCaller(caller, {}, (manager) =>
      this.storeFile(manager, {
        organisationId: caller.organisationId,
        createdById: caller.memberId,
        path: file.path,
        bytes: file.size,
        originalName: file.originalname,
      }),
    );
  }

  /**
   * Bytes a curator asked Heimo to fetch (a page's picture), checked exactly as an upload is (type
   * from the bytes, size limits, dimensions): the asset and its `media.uploaded` event (with the
   * `host` it came from) in one transaction. The caller read at most MEDIA_MAX_IMAGE_BYTES.
   */
  importBytes(caller: Caller, data: Buffer, originalName: string, host: string): Promise<MediaAssetDto> {
    return this.storeForCaller(caller, { host }, (manager) =>
      this.store(manager, {
        organisationId: caller.organisationId,
        createdById: caller.memberId,
        data,
        originalName,
      }),
    );
  }

  private async storeForCaller(
    caller: Caller,
    details: Record<string, string>,
    write: (manager: EntityManager) => Promise<MediaAsset>,
  ): Promise<MediaAssetDto> {
    let stored: MediaAsset | undefined;
    try {
      return await this.dataSource.transaction(async (manager) => {
        stored = await write(manager);
        await this.audit.record(
          {
            organisationId: caller.organisationId,
            actorId: caller.memberId,
            action: 'media.uploaded',
            target: { type: 'media_asset', id: stored.id },
            details: { kind: stored.kind, contentType: stored.contentType, bytes: stored.bytes, ...details },
          },
          manager,
        );
        return this.toDto(stored);
      });
    } catch (error) {
      if (stored) await this.discard(stored).catch(() => undefined);
      throw error;
    }
  }

  /** The largest image `importBytes` accepts (MEDIA_MAX_IMAGE_BYTES): a reader stops there. */
  get maxImageBytes(): number {
    return this.config.MEDIA_MAX_IMAGE_BYTES;
  }

  async get(organisationId: string, mediaId: string): Promise<MediaAssetDto> {
    const [asset] = await this.findInOrganisation(organisationId, [mediaId]);
    if (!asset) throw new MediaNotFoundError();
    return this.toDto(asset);
  }

  /** Any organisation's asset by id, for the public address; a malformed id is simply not found. */
  async findPublic(mediaId: string): Promise<MediaAsset> {
    const asset = UUID.test(mediaId) ? await this.assets.byId(mediaId.toLowerCase()) : null;
    if (!asset) throw new MediaNotFoundError();
    return asset;
  }

  /** Opens the bytes of an asset; not found when the storage lost them. */
  async open(asset: MediaAsset): Promise<StoredObject> {
    const object = await this.storage.get(asset.storageKey);
    if (!object) throw new MediaNotFoundError();
    return object;
  }

  toDto(asset: MediaAsset): MediaAssetDto {
    return {
      id: asset.id,
      kind: asset.kind,
      contentType: asset.contentType,
      bytes: asset.bytes,
      width: asset.width,
      height: asset.height,
      originalName: asset.originalName,
      altText: asset.altText,
      url: mediaPath(asset.id),
      createdById: asset.createdById,
      createdAt: asset.createdAt.toISOString(),
    };
  }

  private check(data: Buffer | ByteSource) {
    const { MEDIA_MAX_IMAGE_BYTES: maxImage, MEDIA_MAX_VIDEO_BYTES: maxVideo } = this.config;
    if (data.length === 0) throw new MediaFileEmptyError();
    if (data.length > Math.max(maxImage, maxVideo)) {
      throw new MediaTooLargeError('file', Math.max(maxImage, maxVideo));
    }
    const sniffed = sniffMedia(data);
    if (!sniffed.ok) {
      if (sniffed.reason === 'corrupt' && sniffed.format) throw new MediaCorruptError(sniffed.format);
      throw new MediaUnsupportedTypeError();
    }
    const limit = sniffed.kind === 'image' ? maxImage : maxVideo;
    if (data.length > limit) throw new MediaTooLargeError(sniffed.kind, limit);
    return sniffed;
  }
}
