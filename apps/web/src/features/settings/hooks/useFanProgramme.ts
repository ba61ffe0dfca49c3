import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';

export const fanProgrammeQueryKey = ['fan-programme'] as const;

export function useFanProgramme() {
  return useQuery({
    queryKey: fanProgrammeQueryKey,
    queryFn: () => unwrap(api.GET('/api/organisation/fan-programme')),
  });
}
