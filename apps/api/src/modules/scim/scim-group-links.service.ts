import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotFoundError, ValidationError } from '../../infra/http/app-error';
import type { Caller } from '../../infra/http/caller';
import { AuditService } from '../audit/audit.service';
import { MAX_TEAM_NAME } from '../organisations/dto/team.dto';
import { isPlainName } from '../organisations/dto/plain-name';
import { TeamsService } from '../organisations/teams.service';
import { ScimTeams } from './scim-teams';

interface GroupRow {
  id: string;
  display_name: string;
  team_id: string | null;
  team_name: string | null;
  member_count: number;
}

const LIST_LIMIT = 500;

@Injectable()
export class ScimGroupLinksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly teams: ScimTeams,
    private readonly teamsService: TeamsService,
  ) {}

  /**
   * A team named after the group (as Teams would create it, audited `team.created`), then the group
   * linked to it. A name a team cannot have answers 400; a name taken answers 409 `team.name_taken`
   * (link the existing team instead).
   */
  async createTeam(caller: Caller, groupId: string) {
    const [group] = await this.list(caller.organisationId, groupId);
    if (!group) throw new NotFoundError('scim_group.not_found', 'No such group in the organisation.');
    const name = group.displayName.trim().normalize('NFC');
    if (name.length > MAX_TEAM_NAME || !isPlainName(name))
      throw new ValidationError([
        {
          field: 'groupId',
          code: 'scim_group.name_unusable',
          message: `The group's name cannot name a team (at most ${MAX_TEAM_NAME} letters, digits and everyday punctuation); create the team on Teams and link it`,
        },
      ]);
    const team = await this.teamsService.create(caller.organisationId, caller.memberId, name);
    return this.link(caller, groupId, team.id);
  }

  async list(organisationId: string, only?: string) {
    const rows = await this.dataSource.query<GroupRow[]>(
      `SELECT g.id, g.display_name, g.team_id, t.name AS team_name,
              (SELECT count(*)::int FROM scim_group_members gm WHERE gm.group_id = g.id) AS member_count
         FROM scim_groups g LEFT JOIN teams t ON t.id = g.team_id
        WHERE g.organisation_id = $1 AND ($2::uuid IS NULL OR g.id = $2::uuid)
        ORDER BY lower(g.display_name), g.id LIMIT $3`,
      [organisationId, only ?? null, LIST_LIMIT],
    );
    return rows.map((row) => ({
      id: row.id,
      displayName: row.display_name,
      teamId: row.team_id,
      teamName: row.team_name,
      memberCount: row.member_count,
    }));
  }

  async link(caller: Caller, groupId: string, teamId: string | null) {
    const organisationId = caller.organisationId;
    await this.dataSource.transaction(async (manager) => {
      const [group] = await manager.query<{ team_id: string | null }[]>(
        'SELECT team_id FROM scim_groups WHERE id = $1 AND organisation_id = $2 FOR UPDATE',
        [groupId, organisationId],
      );
      if (!group) throw new NotFoundError('scim_group.not_found', 'No such group in the organisation.');
      if (teamId) {
        const team = await manager.query<unknown[]>(
          'SELECT 1 FROM teams WHERE id = $1 AND organisation_id = $2',
          [teamId, organisationId],
        );
        if (!team.length)
          throw new ValidationError([
            { field: 'teamId', code: 'team.unknown', message: 'teamId is not a team of the organisation' },
          ]);
      }
      if (group.team_id === teamId) return;
      await manager.query('UPDATE scim_groups SET team_id = $2, updated_at = now() WHERE id = $1', [
        groupId,
        teamId,
      ]);
      const members = await manager.query<{ member_id: string }[]>(
        'SELECT member_id FROM scim_group_members WHERE group_id = $1',
        [groupId],
      );
      await this.teams.recompute(
        manager,
        organisationId,
        members.map((row) => row.member_id),
      );
      await this.audit.record(
        {
          organisationId,
          actorId: caller.memberId,
          action: 'scim.group_linked',
          target: { type: 'scim_group', id: groupId },
          details: { from: group.team_id, to: teamId },
        },
        manager,
      );
    });
    const [row] = await this.list(organisationId, groupId);
    if (!row) throw new NotFoundError('scim_group.not_found', 'No such group in the organisation.');
    return row;
  }
}
