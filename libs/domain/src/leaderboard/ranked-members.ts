/**
 * Who a leaderboard ranks and a team counts: the organisation's active members holding the
 * `advocate` role, whatever their training. Administrators, curators and leaders without it are not
 * ranked, invited and deactivated people are not members yet (or any more), and an advocate whose
 * training lapsed still has a place. Every board, team total, per-member figure and team size uses
 * this one rule (the API's SQL form of it: `rankedMemberSql`, members module).
 */
export const RANKED_ROLE = 'advocate';
export const RANKED_STATUS = 'active';

export interface RankableMember {
  readonly status: string;
  readonly roles: readonly string[];
}

export function isRankedMember(member: RankableMember): boolean {
  return member.status === RANKED_STATUS && member.roles.includes(RANKED_ROLE);
}
