import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { filterQuery, type LeaderboardFilters } from '../filters';

/** The member leaderboard: the top `limit` and the caller's own entry wherever it falls. */
export function useLeaderboard(filters: LeaderboardFilters, limit: number) {
  return useQuery({
    queryKey: ['insights', 'leaderboard', filters, limit],
    queryFn: () =>
      unwrap(api.GET('/api/leaderboards', { params: { query: { ...filterQuery(filters), limit } } })),
    placeholderData: keepPreviousData,
  });
}
