import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import type { AuditAction } from '@heimo/domain';
import {
  assertCursorInstant,
  DEFAULT_PAGE_SIZE,
  decodeCursor,
  type Page,
  toPage,
} from '../../infra/http/keyset-page';
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
  ) {}

  async list(organisationId: string, query: ListFeedSourcesQueryDto): Promise<Page<FeedSourceDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const qb = this.dataSource
      .getRepository(FeedSource)
      .createQueryBuilder('s')
      .addSelect(`to_char(s.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`, 'cursor_at')
      .where('s.organisation_id = :organisationId', { organisationId });
    if (query.cursor) {
      const [at, id] = decodeCursor(query.cursor, 2) as [string, string];
      assertCursorInstant(at);
      qb.andWhere('(s.created_at, s.id) > (:at::timestamptz, :id::uuid)', { at, id });
    }
    const { entities, raw } = await qb
      .orderBy('s.created_at', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .limit(limit + 1)
      .getRawAndEntities<{ cursor_at: string; s_id: string }>();
    const cursorOf = new Map(raw.map((row) => [row.s_id, row.cursor_at]));
    return toPage(entities, limit, (row) => [cursorOf.get(row.id) ?? '', row.id], toFeedSourceDto);
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
    const sources = this.dataSource.getRepository(FeedSource);
    if (await sources.existsBy({ organisationId, url })) throw new FeedSourceExistsError();
    let feedTitle: string | null;
    try {
      feedTitle = (await this.importer.probe(url)).title;
    } catch (error) {
      throw refused(error);
    }
    let saved: FeedSource;
    try {
      saved = await this.dataSource.transaction(async (manager) => {
        const repo = manager.getRepository(FeedSource);
        const source = await repo.save(
          repo.create({
            organisationId,
            url,
            title: body.title ?? feedTitle ?? new URL(url).hostname,
            enabled: body.enabled ?? true,
            createdById: caller.memberId,
          }),
        );
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
      const repo = manager.getRepository(FeedSource);
      const source = await repo
        .createQueryBuilder('s')
        .setLock('pessimistic_write')
        .where('s.organisation_id = :organisationId AND s.id = :sourceId', {
          organisationId: caller.organisationId,
          sourceId,
        })
        .getOne();
      if (!source) throw new FeedSourceNotFoundError();
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
      const saved = await repo.save(source);
      await this.record(manager, caller, 'feed_source.updated', saved, { changed, enabled: saved.enabled });
      return toFeedSourceDto(saved);
    });
  }

  /** The source and its record of imported items go; the draft packs it made stay. */
  async remove(caller: Caller, sourceId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(FeedSource);
      const source = await repo.findOneBy({ organisationId: caller.organisationId, id: sourceId });
      if (!source) throw new FeedSourceNotFoundError();
      const result = await repo.delete({ organisationId: caller.organisationId, id: source.id });
      if (!result.affected) throw new FeedSourceNotFoundError();
      await this.record(manager, caller, 'feed_source.deleted', source, { host: new URL(source.url).host });
    });
  }

  /** Reads the source now, whether or not the schedule reads it; a failed read is an answer, not an error. */
  async fetchNow(caller: Caller, sourceId: string): Promise<FeedFetchResultDto> {
    const outcome = await this.importer.read(caller.organisationId, sourceId);
    if (!outcome) throw new FeedSourceNotFoundError();
    return this.dataSource.transaction(async (manager) => {
      const source = await manager
        .getRepository(FeedSource)
        .findOneBy({ organisationId: caller.organisationId, id: sourceId });
      // Deleted while it was being read.
      if (!source) throw new FeedSourceNotFoundError();
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
