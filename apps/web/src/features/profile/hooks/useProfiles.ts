import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';

export const profilesQueryKey = ['profiles'] as const;

/** The member's social profiles, at most one per network (the list is bounded by the networks). */
export function useProfiles() {
  return useQuery({
    queryKey: profilesQueryKey,
    queryFn: async () => (await unwrap(api.GET('/api/me/profiles'))).items,
  });
}
