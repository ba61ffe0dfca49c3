import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';

export const trainingQueryKey = ['training'] as const;

/** The modules that apply to the member, required ones first, each with its status. */
export function useMyTraining() {
  return useQuery({
    queryKey: [...trainingQueryKey, 'mine'],
    queryFn: () => unwrap(api.GET('/api/training')),
    // Passes expire and curators publish new versions while the page is closed.
    staleTime: 0,
  });
}
