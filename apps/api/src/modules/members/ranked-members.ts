import { RANKED_ROLE, RANKED_STATUS } from '@heimo/domain';

/**
 * The SQL form of `isRankedMember` (`@heimo/domain`): the members of `alias` (a `members` row) who
 * count on a board, in a team's size and in its per-member figures — active, with the advocate role,
 * whatever their training. The one definition of a team's members: the teams list, the team
 * boards, the member boards and the dashboard all splice it in.
 */
export function rankedMemberSql(alias: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(alias)) throw new Error(`not a table alias: ${alias}`);
  return `(${alias}.status = '${RANKED_STATUS}' AND '${RANKED_ROLE}' = ANY(${alias}.roles))`;
}
