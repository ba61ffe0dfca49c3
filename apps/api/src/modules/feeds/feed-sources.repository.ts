import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import {
  type KeysetOrder,
  keysetPageFromEntities,
  type Page,
  type PageRequest,
} from '../../infra/database/keyset';
import { FeedItem } from './entities/feed-item.entity';
import { type FeedFetchStatus, FeedSource } from './entities/feed-source.entity';

/** What one read of a source leaves on it. */
export interface FeedReadRecord {
  readonly status: FeedFetchStatus;
  readonly imported: number;
  readonly errorCode: string | null;
  readonly errorDetail: string | null;
  /** The response's validators, kept only when every item was imported. */
  readonly validators?: { etag: string | null; lastModified: string | null };
}

export type NewFeedSource = Pick<FeedSource, 'organisationId' | 'url' | 'title' | 'enabled' | 'createdById'>;

const OLDEST_FIRST: KeysetOrder = { column: 's.created_at', kind: 'instant', id: 's.id', direction: 'ASC' };

/**
 * The organisation's feed sources and the items read from them; a curator's lookups by id go through
 * the scoped helpers of infra/database.
 */
@Injectable()
export class FeedSourcesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(organisationId: string, page: PageRequest): Promise<Page<FeedSource>> {
    const qb = this.dataSource
      .getRepository(FeedSource)
      .createQueryBuilder('s')
      .where('s.organisation_id = :organisationId', { organisationId });
    return keysetPageFromEntities(qb, OLDEST_FIRST, page, (source) => source);
  }

  existsWithUrl(organisationId: string, url: string): Promise<boolean> {
    return this.dataSource.getRepository(FeedSource).existsBy({ organisationId, url });
  }

  insert(manager: EntityManager, source: NewFeedSource): Promise<FeedSource> {
    const repo = manager.getRepository(FeedSource);
    return repo.save(repo.create(source));
  }

  save(manager: EntityManager, source: FeedSource): Promise<FeedSource> {
    return manager.getRepository(FeedSource).save(source);
  }

  /** False when it was gone already (a concurrent delete). */
  async delete(manager: EntityManager, organisationId: string, id: string): Promise<boolean> {
    const result = await manager.getRepository(FeedSource).delete({ organisationId, id });
    return Boolean(result.affected);
  }

  /** The source for a read; null when it is gone. */
  find(organisationId: string, sourceId: string): Promise<FeedSource | null> {
    return this.dataSource.getRepository(FeedSource).findOneBy({ organisationId, id: sourceId });
  }

  /** Records a read on the source: when, its outcome, the count imported and (when given) the validators. */
  async recordRead(organisationId: string, sourceId: string, read: FeedReadRecord): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .update(FeedSource)
      .set({
        lastFetchedAt: () => 'now()',
        lastStatus: read.status,
        lastErrorCode: read.errorCode,
        lastErrorDetail: read.errorDetail,
        itemsImported: () => `items_imported + ${Number(read.imported)}`,
        ...(read.validators ?? {}),
      })
      .where('organisation_id = :organisationId AND id = :sourceId', { organisationId, sourceId })
      .execute();
  }

  /** Up to `limit` enabled sources of every organisation with ids after `after`, by id. */
  enabledAfter(after: string, limit: number): Promise<Pick<FeedSource, 'id' | 'organisationId'>[]> {
    return this.dataSource
      .getRepository(FeedSource)
      .createQueryBuilder('s')
      .select(['s.id', 's.organisationId'])
      .where('s.enabled AND s.id > :after', { after })
      .orderBy('s.id', 'ASC')
      .limit(limit)
      .getMany();
  }

  /** Which of these guids the source has imported (or is importing) already. */
  async knownGuids(sourceId: string, guids: readonly string[]): Promise<Set<string>> {
    if (!guids.length) return new Set();
    const items = await this.dataSource.getRepository(FeedItem).find({
      select: { guid: true },
      where: { sourceId, guid: In([...guids]) },
    });
    return new Set(items.map((item) => item.guid));
  }

  /**
   * Claims the item in the caller's transaction; its id, or null when another read has it. The unique
   * (source, guid) key decides between concurrent reads: the second waits, then gets null.
   */
  async claimItem(
    manager: EntityManager,
    organisationId: string,
    sourceId: string,
    guid: string,
  ): Promise<string | null> {
    const claimed: { id: string }[] = await manager.query(
      `INSERT INTO feed_items (organisation_id, source_id, guid) VALUES ($1, $2, $3)
       ON CONFLICT (source_id, guid) DO NOTHING RETURNING id`,
      [organisationId, sourceId, guid],
    );
    return claimed[0]?.id ?? null;
  }

  async linkItemToPack(manager: EntityManager, itemId: string, packId: string): Promise<void> {
    await manager.getRepository(FeedItem).update({ id: itemId }, { packId });
  }
}
