import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { components } from '../../../api/schema';

export type LeaderboardPreference = components['schemas']['LeaderboardPreferenceDto'];

export const leaderboardPreferenceQueryKey = ['leaderboard-preference'] as const;

/** Boards and figures that show the member by name (or not): insights pages and My impact. */
const namedFigureQueryKeys = [['insights'], ['me', 'impact']] as const;

/** Whether the member has opted out of appearing on leaderboards by name. */
export function useLeaderboardPreference() {
  return useQuery({
    queryKey: leaderboardPreferenceQueryKey,
    queryFn: () => unwrap(api.GET('/api/me/leaderboard-preference')),
  });
}

/**
 * Saves the choice; the answer replaces the cached preference, and cached boards are refetched
 * because the API shows the member (or an anonymous advocate) differently from now on.
 */
export function useUpdateLeaderboardPreference() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LeaderboardPreference) => unwrap(api.PUT('/api/me/leaderboard-preference', { body })),
    onSuccess: (saved) => {
      queryClient.setQueryData(leaderboardPreferenceQueryKey, saved);
      // Not awaited: the choice is saved; a board on screen refetches on its own time.
      for (const queryKey of namedFigureQueryKeys) void queryClient.invalidateQueries({ queryKey });
    },
    onError: () => queryClient.invalidateQueries({ queryKey: leaderboardPreferenceQueryKey }),
  });
}
