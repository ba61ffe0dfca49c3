import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';

export const complianceQueryKey = ['training-compliance'] as const;

/** Who may share, per team and overall, and what stops the rest. */
export function useCompliance() {
  return useQuery({
    queryKey: complianceQueryKey,
    queryFn: () => unwrap(api.GET('/api/training/compliance')),
    staleTime: 0,
  });
}
