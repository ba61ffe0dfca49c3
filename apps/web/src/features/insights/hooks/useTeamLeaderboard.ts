import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { filterQuery, type TeamLeaderboardFilters } from '../filters';

/** Every team ranked by its total and per member (teams are few, so all of them). */
export function useTeamLeaderboard(filters: TeamLeaderboardFilters) {
  return useQuery({
    queryKey: ['insights', 'team-leaderboard', filters],
    queryFn: () =>
      unwrap(
        api.GET('/api/leaderboards/teams', { params: { query: { ...filterQuery(filters), limit: 100 } } }),
      ),
    placeholderData: keepPreviousData,
  });
}
