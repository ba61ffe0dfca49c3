import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryFailedError } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import { AppError } from '../../infra/http/app-error';
import type { MediaAsset } from '../media/entities/media-asset.entity';
import { MediaService } from '../media/media.service';
import { PacksService } from '../packs/packs.service';
import { feedItemDraft } from './feed-draft';
import type { FeedFetchStatus, FeedSource } from './entities/feed-source.entity';
import { type FeedEntry, type ParsedFeed, parseFeed } from './feed-parser';
import { FeedSourcesRepository } from './feed-sources.repository';
import { FeedFetchError } from './feeds.errors';
import { safeFetch, type SafeFetchLimits } from './safe-fetch';

/** The newest this many items of a feed are considered on each read. */
export const MAX_ITEMS_PER_READ = 50;
const MAX_DETAIL_LENGTH = 500;
const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';

export interface FeedReadOutcome {
  readonly status: FeedFetchStatus;
  readonly imported: number;
  readonly errorCode: string | null;
  readonly errorDetail: string | null;
}

const isUniqueViolation = (error: unknown) =>
  error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505';

/**
 * Reads feeds through the guarded fetcher and turns each new item into a draft pack. Reading never
 * throws for a bad feed: the outcome is recorded on the source (status, code, detail).
 */
@Injectable()
export class FeedImportService {
  private readonly logger = new Logger(FeedImportService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly packs: PacksService,
    private readonly media: MediaService,
    private readonly sources: FeedSourcesRepository,
  ) {}

  get limits(): SafeFetchLimits {
    return {
      maxBytes: this.config.FEED_MAX_BYTES,
      timeoutMs: this.config.FEED_TIMEOUT_MS,
      allowedHosts: this.config.OUTBOUND_ALLOWED_HOSTS,
    };
  }

  /** Reads a URL once and parses it; throws FeedFetchError when it is refused or not a feed. */
  async probe(url: string): Promise<ParsedFeed> {
    const response = await safeFetch(url, this.limits, { accept: FEED_ACCEPT });
    return parseFeed(response.body, response.url, response.contentType);
  }

  /**
   * Reads the source now (with its ETag / Last-Modified), imports the items not imported before and
   * records the outcome on the source. Null when the source does not exist (any more).
   */
  async read(organisationId: string, sourceId: string): Promise<FeedReadOutcome | null> {
    const source = await this.sources.find(organisationId, sourceId);
    if (!source) return null;
    let outcome: FeedReadOutcome;
    let validators: { etag: string | null; lastModified: string | null } | undefined;
    try {
      const response = await safeFetch(source.url, this.limits, {
        accept: FEED_ACCEPT,
        etag: source.etag,
        lastModified: source.lastModified,
      });
      if (response.notModified) {
        outcome = { status: 'not_modified', imported: 0, errorCode: null, errorDetail: null };
      } else {
        const feed = parseFeed(response.body, response.url, response.contentType);
        const { imported, failures, firstFailure } = await this.importEntries(source, feed.entries);
        if (failures) {
          // The validators are not kept, so the next read gets the whole feed and retries those items.
          outcome = {
            status: 'error',
            imported,
            errorCode: 'feed.import_failed',
            errorDetail: clip(`${failures} item(s) could not be imported: ${firstFailure}`),
          };
        } else {
          outcome = { status: 'ok', imported, errorCode: null, errorDetail: null };
          validators = { etag: response.etag, lastModified: response.lastModified };
        }
      }
    } catch (error) {
      if (error instanceof FeedFetchError) {
        outcome = { status: 'error', imported: 0, errorCode: error.code, errorDetail: clip(error.detail) };
      } else {
        // A bug or an outage, not the feed's fault: logged in full, recorded in general terms.
        this.logger.error({ sourceId, err: error }, 'a feed read failed unexpectedly');
        outcome = {
          status: 'error',
          imported: 0,
          errorCode: 'feed.import_failed',
          errorDetail: 'An unexpected error stopped the read; it is retried at the next poll.',
        };
      }
    }
    await this.sources.recordRead(organisationId, sourceId, { ...outcome, validators });
    return outcome;
  }

  private async importEntries(source: FeedSource, all: readonly FeedEntry[]) {
    // The newest items, imported oldest first so the drafts list in the feed's order.
    const entries = uniqueByGuid(all.slice(0, MAX_ITEMS_PER_READ)).reverse();
    const known = await this.sources.knownGuids(
      source.id,
      entries.map((entry) => entry.guid),
    );
    let imported = 0;
    let failures = 0;
    let firstFailure = '';
    for (const entry of entries) {
      if (known.has(entry.guid)) continue;
      try {
        if (await this.importEntry(source, entry)) imported += 1;
      } catch (error) {
        failures += 1;
        // Validation messages are the curator's business; anything else stays in the log.
        firstFailure ||= error instanceof AppError ? error.message : 'an unexpected error';
        this.logger.warn({ sourceId: source.id, err: error }, 'a feed item could not be imported');
      }
    }
    return { imported, failures, firstFailure };
  }

  /** One item: its image (best effort), then in one transaction its feed_items row, media and pack. */
  private async importEntry(source: FeedSource, entry: FeedEntry): Promise<boolean> {
    const image = entry.imageUrl ? await this.fetchImage(source, entry.imageUrl) : null;
    let stored: MediaAsset | undefined;
    try {
      return await this.dataSource.transaction(async (manager) => {
        // Of concurrent reads, the second waits, then skips.
        const itemId = await this.sources.claimItem(manager, source.organisationId, source.id, entry.guid);
        if (!itemId) return false;
        const mediaIds: string[] = [];
        if (image) {
          try {
            stored = await this.media.store(manager, {
              organisationId: source.organisationId,
              createdById: null,
              data: image.data,
              originalName: image.name,
            });
            mediaIds.push(stored.id);
          } catch (error) {
            // Bytes that are not an image we accept: the item is imported without it.
            if (!(error instanceof AppError)) throw error;
            this.logger.debug({ sourceId: source.id, code: error.code }, 'feed image refused');
          }
        }
        const pack = await this.packs.createDraftFromFeedItem(
          manager,
          feedItemDraft(source.organisationId, entry, mediaIds),
        );
        await this.sources.linkItemToPack(manager, itemId, pack.id);
        return true;
      });
    } catch (error) {
      if (stored) await this.media.discard(stored).catch(() => undefined);
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  /** The item's image through the same guarded fetcher; any failure only means no image. */
  private async fetchImage(source: FeedSource, url: string): Promise<{ data: Buffer; name: string } | null> {
    try {
      const response = await safeFetch(url, this.limits, { accept: 'image/*' });
      if (!response.body.length) return null;
      return { data: response.body, name: fileName(response.url) };
    } catch (error) {
      const code = error instanceof FeedFetchError ? error.code : 'unknown';
      this.logger.debug({ sourceId: source.id, code }, 'feed image not fetched');
      return null;
    }
  }
}

function fileName(url: string): string {
  const last = new URL(url).pathname.split('/').pop() ?? '';
  try {
    return decodeURIComponent(last) || 'feed-image';
  } catch {
    return last || 'feed-image';
  }
}

function uniqueByGuid(entries: readonly FeedEntry[]): FeedEntry[] {
  const seen = new Set<string>();
  return entries.filter((entry) => !seen.has(entry.guid) && seen.add(entry.guid));
}

const clip = (text: string) =>
  text.length > MAX_DETAIL_LENGTH ? `${text.slice(0, MAX_DETAIL_LENGTH - 1)}…` : text;
