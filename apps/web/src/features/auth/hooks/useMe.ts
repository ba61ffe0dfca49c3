import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { ApiProblem } from '../../../api/problem';
import type { Me } from '../../../api/types';

export const meQueryKey = ['me'] as const;

/** The signed-in member, or null when nobody is signed in (a 401 after the refresh attempt). */
export function useMe() {
  return useQuery({
    queryKey: meQueryKey,
    queryFn: async (): Promise<Me | null> => {
      try {
        return await unwrap(api.GET('/api/me'));
      } catch (error) {
        if (error instanceof ApiProblem && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 5 * 60_000,
  });
}
