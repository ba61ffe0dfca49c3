import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  type KeysetOrder,
  keysetPageFromRaw,
  type Page,
  type PageRequest,
} from '../../infra/database/keyset';
import { rankedMemberSql } from '../members/ranked-members';
import { Team } from './entities/team.entity';

/** A team with its member count (its ranked members, as the team boards count them), the shape every team answer has. */
export interface TeamRow {
  id: string;
  name: string;
  created_at: Date;
  member_count: string;
}

const BY_NAME: KeysetOrder = { column: 't.name', kind: 'text', id: 't.id', direction: 'ASC' };

/** The organisation's teams; a lock on one goes through `lockScopedOr404`. */
@Injectable()
export class TeamsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Alphabetical, then by id. */
  list(organisationId: string, page: PageRequest): Promise<Page<TeamRow>> {
    const qb = teamRows(this.dataSource.manager).where('t.organisation_id = :organisationId', {
      organisationId,
    });
    return keysetPageFromRaw(qb, BY_NAME, page, (row: TeamRow) => row);
  }

  async row(manager: EntityManager, organisationId: string, teamId: string): Promise<TeamRow | null> {
    const row = await teamRows(manager)
      .where('t.organisation_id = :organisationId AND t.id = :teamId', { organisationId, teamId })
      .getRawOne<TeamRow>();
    return row ?? null;
  }

  find(manager: EntityManager, organisationId: string, teamId: string): Promise<Team | null> {
    return manager.getRepository(Team).findOneBy({ organisationId, id: teamId });
  }

  insert(manager: EntityManager, organisationId: string, name: string): Promise<Team> {
    const repo = manager.getRepository(Team);
    return repo.save(repo.create({ organisationId, name }));
  }

  async rename(manager: EntityManager, organisationId: string, teamId: string, name: string): Promise<void> {
    await manager.getRepository(Team).update({ organisationId, id: teamId }, { name });
  }

  async delete(manager: EntityManager, organisationId: string, teamId: string): Promise<void> {
    await manager.getRepository(Team).delete({ organisationId, id: teamId });
  }

  /** Whether another team of the organisation has this name, ignoring case. */
  nameTaken(
    manager: EntityManager,
    organisationId: string,
    name: string,
    exceptId?: string,
  ): Promise<boolean> {
    const qb = manager
      .getRepository(Team)
      .createQueryBuilder('t')
      .where('t.organisation_id = :organisationId AND lower(t.name) = lower(:name)', {
        organisationId,
        name,
      });
    if (exceptId) qb.andWhere('t.id <> :exceptId', { exceptId });
    return qb.getExists();
  }
}

function teamRows(manager: EntityManager) {
  return manager
    .getRepository(Team)
    .createQueryBuilder('t')
    .select(['t.id AS id', 't.name AS name', 't.created_at AS created_at'])
    .addSelect(
      (sub) =>
        sub
          .select('count(*)')
          .from('members', 'm')
          .where(`m.team_id = t.id AND m.organisation_id = t.organisation_id AND ${rankedMemberSql('m')}`),
      'member_count',
    );
}
