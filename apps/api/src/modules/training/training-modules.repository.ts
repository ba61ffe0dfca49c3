import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import {
  type KeysetOrder,
  keysetPageFromEntities,
  type Page,
  type PageRequest,
} from '../../infra/database/keyset';
import { Team } from '../organisations/entities/team.entity';
import { TrainingModule } from './entities/training-module.entity';

export type NewTrainingModule = Pick<
  TrainingModule,
  | 'organisationId'
  | 'kind'
  | 'draft'
  | 'published'
  | 'publishedVersion'
  | 'materialVersion'
  | 'publishedAt'
  | 'createdByMemberId'
>;

const OLDEST_FIRST: KeysetOrder = { column: 't.created_at', kind: 'instant', id: 't.id', direction: 'ASC' };

/** The organisation's training modules as curators edit them; lookups by id use the scoped helpers. */
@Injectable()
export class TrainingModulesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(organisationId: string, page: PageRequest): Promise<Page<TrainingModule>> {
    const qb = this.dataSource
      .getRepository(TrainingModule)
      .createQueryBuilder('t')
      .where('t.organisation_id = :organisationId', { organisationId });
    return keysetPageFromEntities(qb, OLDEST_FIRST, page, (module) => module);
  }

  insert(manager: EntityManager, module: NewTrainingModule): Promise<TrainingModule> {
    const repo = manager.getRepository(TrainingModule);
    return repo.save(repo.create(module));
  }

  save(manager: EntityManager, module: TrainingModule): Promise<TrainingModule> {
    return manager.getRepository(TrainingModule).save(module);
  }

  /** Which of these ids are teams of the organisation. */
  async existingTeamIds(
    manager: EntityManager,
    organisationId: string,
    teamIds: readonly string[],
  ): Promise<Set<string>> {
    const teams = await manager
      .getRepository(Team)
      .find({ select: { id: true }, where: { organisationId, id: In([...teamIds]) } });
    return new Set(teams.map((team) => team.id));
  }
}
