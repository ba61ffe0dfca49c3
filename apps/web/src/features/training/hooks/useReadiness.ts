import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { trainingQueryKey } from './useMyTraining';

/** Whether the member may share now, and which modules stop them. */
export function useReadiness() {
  return useQuery({
    queryKey: [...trainingQueryKey, 'readiness'],
    queryFn: () => unwrap(api.GET('/api/me/readiness')),
    staleTime: 0,
  });
}
