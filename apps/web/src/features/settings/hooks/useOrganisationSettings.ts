import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';

export const settingsQueryKey = ['organisation-settings'] as const;

export function useOrganisationSettings() {
  return useQuery({
    queryKey: settingsQueryKey,
    queryFn: () => unwrap(api.GET('/api/organisation/settings')),
  });
}
