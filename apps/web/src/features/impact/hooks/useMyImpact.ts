import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { ImpactPeriod } from '../types';

/** The member's figures of the period, their rank, their trend and their best shares. */
export function useMyImpact(period: ImpactPeriod) {
  return useQuery({
    queryKey: ['me', 'impact', period],
    queryFn: () => unwrap(api.GET('/api/me/impact', { params: { query: { period } } })),
    placeholderData: keepPreviousData,
    // Clicks are counted within moments: coming back to the page shows the new figures.
    staleTime: 0,
  });
}
