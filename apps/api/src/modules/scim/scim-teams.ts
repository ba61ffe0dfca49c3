import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * Groups to teams: a member has one team while SCIM groups are many. A member's team is the team of
 * the linked group (one an admin linked to a team) they were added to last; leaving it moves them to
 * the next such group they are in, or to no team. Groups without a team change nobody's team, and a
 * member in no linked group keeps the team an admin gave them.
 */
@Injectable()
export class ScimTeams {
  /** Sets each member's team from their linked groups (only members who were or are in one). */
  async recompute(
    manager: EntityManager,
    organisationId: string,
    memberIds: readonly string[],
  ): Promise<void> {
    if (memberIds.length === 0) return;
    await manager.query(
      `WITH wanted AS (
         SELECT m.id,
                (SELECT g.team_id FROM scim_group_members gm JOIN scim_groups g ON g.id = gm.group_id
                  WHERE gm.member_id = m.id AND g.team_id IS NOT NULL
                  ORDER BY gm.added_at DESC, g.id LIMIT 1) AS team_id
           FROM members m WHERE m.organisation_id = $1 AND m.id = ANY($2::uuid[]))
       UPDATE members m SET team_id = wanted.team_id, version = m.version + 1, updated_at = now()
         FROM wanted WHERE m.id = wanted.id AND m.team_id IS DISTINCT FROM wanted.team_id`,
      [organisationId, memberIds],
    );
  }

  /** A deleted User leaves every group; their team follows. */
  async leaveAll(manager: EntityManager, organisationId: string, memberId: string): Promise<void> {
    const left = await manager.query<{ linked: boolean }[]>(
      `DELETE FROM scim_group_members gm USING scim_groups g
        WHERE g.id = gm.group_id AND gm.member_id = $1 AND gm.organisation_id = $2
        RETURNING g.team_id IS NOT NULL AS linked`,
      [memberId, organisationId],
    );
    // TypeORM answers a DELETE … RETURNING on PostgreSQL as [rows, count].
    const rows = (Array.isArray(left[0]) ? left[0] : left) as { linked: boolean }[];
    if (rows.some((row) => row.linked)) await this.recompute(manager, organisationId, [memberId]);
  }
}
