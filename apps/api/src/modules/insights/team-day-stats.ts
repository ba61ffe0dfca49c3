/**
 * `team_day_stats.team_id` of members in no team (migration `1796900000002`): part of the table's key,
 * so it cannot be null; reads turn it back into null.
 */
export const NO_TEAM = '00000000-0000-0000-0000-000000000000';
