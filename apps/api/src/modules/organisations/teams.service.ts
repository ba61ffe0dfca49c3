import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { TeamDto } from './dto/team.dto';
import { Team } from './entities/team.entity';
import {
  DEFAULT_PAGE_SIZE,
  decodeCursor,
  type Page,
  type PageQueryDto,
  toPage,
} from '../../infra/http/keyset-page';
import { TeamNameTakenError, TeamNotFoundError } from './organisations.errors';

interface TeamRow {
  id: string;
  name: string;
  created_at: Date;
  member_count: string;
}

const isUniqueViolation = (error: unknown) =>
  error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505';

@Injectable()
export class TeamsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Alphabetical; the cursor is the last name and id. */
  async list(organisationId: string, query: PageQueryDto): Promise<Page<TeamDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const qb = teamRows(this.dataSource.manager).where('t.organisation_id = :organisationId', {
      organisationId,
    });
    if (query.cursor) {
      const [name, id] = decodeCursor(query.cursor, 2) as [string, string];
      qb.andWhere('(t.name, t.id) > (:name, :id::uuid)', { name, id });
    }
    const rows = await qb
      .orderBy('t.name', 'ASC')
      .addOrderBy('t.id', 'ASC')
      .limit(limit + 1)
      .getRawMany<TeamRow>();
    return toPage(rows, limit, (row) => [row.name, row.id], toTeamDto);
  }

  /** The team when it belongs to the organisation; used to check a team id sent in a body. */
  async find(organisationId: string, teamId: string, manager?: EntityManager): Promise<Team | null> {
    return (manager ?? this.dataSource.manager).getRepository(Team).findOneBy({ organisationId, id: teamId });
  }

  async create(organisationId: string, actorId: string, name: string): Promise<TeamDto> {
    return this.write(async (manager) => {
      await this.assertNameFree(manager, organisationId, name);
      const team = await manager
        .getRepository(Team)
        .save(manager.getRepository(Team).create({ organisationId, name }));
      await this.audit.record(
        { organisationId, actorId, action: 'team.created', target: { type: 'team', id: team.id } },
        manager,
      );
      return this.load(manager, organisationId, team.id);
    });
  }

  async rename(organisationId: string, actorId: string, teamId: string, name: string): Promise<TeamDto> {
    return this.write(async (manager) => {
      const team = await this.lock(manager, organisationId, teamId);
      if (team.name !== name) {
        await this.assertNameFree(manager, organisationId, name, teamId);
        await manager.getRepository(Team).update({ organisationId, id: teamId }, { name });
        await this.audit.record(
          {
            organisationId,
            actorId,
            action: 'team.renamed',
            target: { type: 'team', id: teamId },
            details: { from: team.name, to: name },
          },
          manager,
        );
      }
      return this.load(manager, organisationId, teamId);
    });
  }

  /** Members of a deleted team keep their place in the organisation, without a team. */
  async remove(organisationId: string, actorId: string, teamId: string): Promise<void> {
    await this.write(async (manager) => {
      const team = await this.lock(manager, organisationId, teamId);
      await manager.getRepository(Team).delete({ organisationId, id: teamId });
      await this.audit.record(
        {
          organisationId,
          actorId,
          action: 'team.deleted',
          target: { type: 'team', id: teamId },
          details: { name: team.name },
        },
        manager,
      );
    });
  }

  private async write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (error) {
      // Two admins adding the same name at once: the unique index decides.
      if (isUniqueViolation(error)) throw new TeamNameTakenError();
      throw error;
    }
  }

  private async lock(manager: EntityManager, organisationId: string, teamId: string): Promise<Team> {
    const team = await manager
      .getRepository(Team)
      .createQueryBuilder('t')
      .setLock('pessimistic_write')
      .where('t.organisation_id = :organisationId AND t.id = :teamId', { organisationId, teamId })
      .getOne();
    if (!team) throw new TeamNotFoundError();
    return team;
  }

  /** Names are unique per organisation ignoring case ("Sales" and "sales" are one team). */
  private async assertNameFree(
    manager: EntityManager,
    organisationId: string,
    name: string,
    exceptId?: string,
  ): Promise<void> {
    const qb = manager
      .getRepository(Team)
      .createQueryBuilder('t')
      .where('t.organisation_id = :organisationId AND lower(t.name) = lower(:name)', {
        organisationId,
        name,
      });
    if (exceptId) qb.andWhere('t.id <> :exceptId', { exceptId });
    if (await qb.getExists()) throw new TeamNameTakenError();
  }

  private async load(manager: EntityManager, organisationId: string, teamId: string): Promise<TeamDto> {
    const row = await teamRows(manager)
      .where('t.organisation_id = :organisationId AND t.id = :teamId', { organisationId, teamId })
      .getRawOne<TeamRow>();
    if (!row) throw new TeamNotFoundError();
    return toTeamDto(row);
  }
}

/** A team with its member count, the shape every team answer has. */
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
          .where('m.team_id = t.id AND m.organisation_id = t.organisation_id'),
      'member_count',
    );
}

function toTeamDto(row: TeamRow): TeamDto {
  return {
    id: row.id,
    name: row.name,
    memberCount: Number(row.member_count),
    createdAt: new Date(row.created_at).toISOString(),
  };
}
