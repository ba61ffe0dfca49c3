import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  type KeysetOrder,
  keysetPageFromEntities,
  type Page,
  type PageRequest,
} from '../../infra/database/keyset';
import { FeedSource } from './entities/feed-source.entity';

export type NewFeedSource = Pick<FeedSource, 'organisationId' | 'url' | 'title' | 'enabled' | 'createdById'>;

const OLDEST_FIRST: KeysetOrder = { column: 's.created_at', kind: 'instant', id: 's.id', direction: 'ASC' };

/** The organisation's feed sources; lookups by id go through the scoped helpers of infra/database. */
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
}
