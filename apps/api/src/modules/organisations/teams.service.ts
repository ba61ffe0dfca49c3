import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import type { Page } from '../../infra/database/keyset';
import { lockScopedOr404 } from '../../infra/database/scoped-lookup';
import type { PageQueryDto } from '../../infra/http/keyset-page';
import { AuditService } from '../audit/audit.service';
import type { TeamDto } from './dto/team.dto';
import { Team } from './entities/team.entity';
import { TeamNameTakenError, TeamNotFoundError } from './organisations.errors';
import { type TeamRow, TeamsRepository } from './teams.repository';

const isUniqueViolation = (error: unknown) =>
  error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505';

const teamNotFound = () => new TeamNotFoundError();

@Injectable()
export class TeamsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly teams: TeamsRepository,
  ) {}

  /** Alphabetical; the cursor is the last name and id. */
  async list(organisationId: string, query: PageQueryDto): Promise<Page<TeamDto>> {
    const page = await this.teams.list(organisationId, query);
    return { ...page, items: page.items.map(toTeamDto) };
  }

  /** The team when it belongs to the organisation; used to check a team id sent in a body. */
  async find(organisationId: string, teamId: string, manager?: EntityManager): Promise<Team | null> {
    return this.teams.find(manager ?? this.dataSource.manager, organisationId, teamId);
  }

  async create(organisationId: string, actorId: string, name: string): Promise<TeamDto> {
    return this.write(async (manager) => {
      await this.assertNameFree(manager, organisationId, name);
      const team = await this.teams.insert(manager, organisationId, name);
      await this.audit.record(
        { organisationId, actorId, action: 'team.created', target: { type: 'team', id: team.id } },
        manager,
      );
      return this.load(manager, organisationId, team.id);
    });
  }

  async rename(organisationId: string, actorId: string, teamId: string, name: string): Promise<TeamDto> {
    return this.write(async (manager) => {
      const team = await lockScopedOr404(manager, Team, organisationId, teamId, teamNotFound);
      if (team.name !== name) {
        await this.assertNameFree(manager, organisationId, name, teamId);
        await this.teams.rename(manager, organisationId, teamId, name);
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
      const team = await lockScopedOr404(manager, Team, organisationId, teamId, teamNotFound);
      await this.teams.delete(manager, organisationId, teamId);
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

  /** Names are unique per organisation ignoring case ("Sales" and "sales" are one team). */
  private async assertNameFree(
    manager: EntityManager,
    organisationId: string,
    name: string,
    exceptId?: string,
  ): Promise<void> {
    if (await this.teams.nameTaken(manager, organisationId, name, exceptId)) throw new TeamNameTakenError();
  }

  private async load(manager: EntityManager, organisationId: string, teamId: string): Promise<TeamDto> {
    const row = await this.teams.row(manager, organisationId, teamId);
    if (!row) throw teamNotFound();
    return toTeamDto(row);
  }
}

function toTeamDto(row: TeamRow): TeamDto {
  return {
    id: row.id,
    name: row.name,
    memberCount: Number(row.member_count),
    createdAt: new Date(row.created_at).toISOString(),
  };
}
