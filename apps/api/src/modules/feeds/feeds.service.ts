import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import type { AuditAction } from '@heimo/domain';
import type { Page } from '../../infra/database/keyset';
import { findScopedOr404, lockScopedOr404 } from '../../infra/database/scoped-lookup';
import { QueueName } from '../../infra/queue/queue-name';
import { AuditService } from '../audit/audit.service';
import type { Caller } from '../../infra/http/caller';
import type {
  CreateFeedSourceDto,
  FeedFetchResultDto,
  FeedSourceDto,
  ListFeedSourcesQueryDto,
  UpdateFeedSourceDto,
} from './dto/feed-source.dto';
import { FeedSource } from './entities/feed-source.entity';
import { FeedImportService } from './feed-import.service';
import { FeedSourcesRepository } from './feed-sources.repository';
import {
  FeedFetchError,
  FeedRefusedError,
  FeedSourceExistsError,
  FeedSourceNotFoundError,
} from './feeds.errors';
import { FETCH_FEED_JOB, type FetchFeedPayload, fetchFeedJobId } from './jobs/feed-jobs';
import { assertFetchableUrl } from './safe-fetch';

/** Redis may be slow or gone: the answer does not wait for it longer; the next poll reads the source. */
const QUEUE_TIMEOUT_MS = 5_000;

const notFound = () => new FeedSourceNotFoundError();

const isUniqueViolation = (error: unknown) =>
  error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505';

/** The organisation's feed sources: added after one successful read, read on a schedule or on demand. */
@Injectable()
export class FeedsService {
  private readonly logger = new Logger(FeedsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.Feeds) private readonly queue: Queue<FetchFeedPayload>,
    private readonly importer: FeedImportService,
    private readonly audit: AuditService,
    private readonly sources: FeedSourcesRepository,
  ) {}

  /** Oldest first; the cursor is the exact (microsecond) creation time and id of the last row. */
  async list(organisationId: string, query: ListFeedSourcesQueryDto): Promise<Page<FeedSourceDto>> {
    const page = await this.sources.list(organisationId, query);
    return { ...page, items: page.items.map(toFeedSourceDto) };
  }

  /**
   * Refuses a URL that is not http(s) or points at a private address before any network use, then
   * reads it once: only a URL that gives an RSS or Atom feed is saved. Its items are imported by a
   * queued read right after.
   */
  async create(caller: Caller, body: CreateFeedSourceDto): Promise<FeedSourceDto> {
    const { organisationId } = caller;
    let url: string;
    try {
      url = assertFetchableUrl(body.url, this.importer.limits.allowedHosts).toString();
    } catch (error) {
      throw refused(error);
    }
    if (await this.sources.existsWithUrl(organisationId, url)) throw new FeedSourceExistsError();
    let feedTitle: string | null;
    try {
      feedTitle = (await this.importer.probe(url)).title;
    } catch (error) {
      throw refused(error);
    }
    let saved: FeedSource;
    try {
      saved = await this.dataSource.transaction(async (manager) => {
        const source = await this.sources.insert(manager, {
          organisationId,
          url,
          title: body.title ?? feedTitle ?? new URL(url).hostname,
          enabled: body.enabled ?? true,
          createdById: caller.memberId,
        });
        await this.record(manager, caller, 'feed_source.created', source, {
          host: new URL(url).host,
          enabled: source.enabled,
        });
        return source;
      });
    } catch (error) {
      // Two curators adding the same feed at once: the unique index decides.
      if (isUniqueViolation(error)) throw new FeedSourceExistsError();
      throw error;
    }
    if (saved.enabled) await this.enqueueRead(saved, 'added');
    return toFeedSourceDto(saved);
  }

  async update(caller: Caller, sourceId: string, body: UpdateFeedSourceDto): Promise<FeedSourceDto> {
    return this.dataSource.transaction(async (manager) => {
      const source = await lockScopedOr404(manager, FeedSource, caller.organisationId, sourceId, notFound);
      const changed: string[] = [];
      if (body.title !== undefined && body.title !== source.title) {
        source.title = body.title;
        changed.push('title');
      }
      if (body.enabled !== undefined && body.enabled !== source.enabled) {
        source.enabled = body.enabled;
        changed.push('enabled');
      }
      if (!changed.length) return toFeedSourceDto(source);
      const saved = await this.sources.save(manager, source);
      await this.record(manager, caller, 'feed_source.updated', saved, { changed, enabled: saved.enabled });
      return toFeedSourceDto(saved);
    });
  }

  /** The source and its record of imported items go; the draft packs it made stay. */
  async remove(caller: Caller, sourceId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const source = await findScopedOr404(manager, FeedSource, caller.organisationId, sourceId, notFound);
      if (!(await this.sources.delete(manager, caller.organisationId, source.id))) throw notFound();
      await this.record(manager, caller, 'feed_source.deleted', source, { host: new URL(source.url).host });
    });
  }

  /** Reads the source now, whether or not the schedule reads it; a failed read is an answer, not an error. */
  async fetchNow(caller: Caller, sourceId: string): Promise<FeedFetchResultDto> {
    const outcome = await this.importer.read(caller.organisationId, sourceId);
    if (!outcome) throw new FeedSourceNotFoundError();
    return this.dataSource.transaction(async (manager) => {
      // Not found when deleted while it was being read.
      const source = await findScopedOr404(manager, FeedSource, caller.organisationId, sourceId, notFound);
      await this.record(manager, caller, 'feed_source.fetched', source, {
        status: outcome.status,
        imported: outcome.imported,
        errorCode: outcome.errorCode,
      });
      return { ...outcome, source: toFeedSourceDto(source) };
    });
  }

  /** Queues a read of the source; a queue that is down only delays the import until the next poll. */
  private async enqueueRead(source: FeedSource, slot: string): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.queue.add(
          FETCH_FEED_JOB,
          { organisationId: source.organisationId, sourceId: source.id },
          { jobId: fetchFeedJobId(source.id, slot), attempts: 1 },
        ),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('queueing timed out')), QUEUE_TIMEOUT_MS);
        }),
      ]);
    } catch (error) {
      this.logger.warn({ sourceId: source.id, err: error }, 'could not queue the first read of a feed');
    } finally {
      clearTimeout(timer);
    }
  }

  private record(
    manager: EntityManager,
    caller: Caller,
    action: AuditAction,
    source: FeedSource,
    details: Record<string, unknown>,
  ): Promise<void> {
    return this.audit.record(
      {
        organisationId: caller.organisationId,
        actorId: caller.memberId,
        action,
        target: { type: 'feed_source', id: source.id },
        details,
      },
      manager,
    );
  }
}

function refused(error: unknown): Error {
  return error instanceof FeedFetchError ? new FeedRefusedError(error.code, error.detail) : (error as Error);
}

export function toFeedSourceDto(source: FeedSource): FeedSourceDto {
  return {
    id: source.id,
    url: source.url,
    title: source.title,
    enabled: source.enabled,
    lastFetchedAt: source.lastFetchedAt?.toISOString() ?? null,
    lastStatus: source.lastStatus,
    lastErrorCode: source.lastErrorCode,
    lastErrorDetail: source.lastErrorDetail,
    itemsImported: source.itemsImported,
    createdById: source.createdById,
    createdAt: source.createdAt.toISOString(),
  };
}
