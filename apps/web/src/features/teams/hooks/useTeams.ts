import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { Team, TeamPage } from '../../../api/types';

export const teamsQueryKey = ['teams'] as const;

/** Every team of the organisation, following the cursor (teams are few; the API pages by 100). */
export function useTeams() {
  return useQuery({
    queryKey: teamsQueryKey,
    queryFn: async (): Promise<Team[]> => {
      const teams: Team[] = [];
      let cursor: string | null = null;
      do {
        const page: TeamPage = await unwrap(
          api.GET('/api/teams', { params: { query: { limit: 100, ...(cursor ? { cursor } : {}) } } }),
        );
        teams.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return teams;
    },
  });
}
