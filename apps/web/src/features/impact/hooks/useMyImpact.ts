import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getJson } from '../../insights/hooks/getJson';
import type { ImpactPeriod, MyImpact } from '../types';

/** The member's figures of the period, their rank, their trend and their best shares. */
export function useMyImpact(period: ImpactPeriod) {
  return useQuery({
    queryKey: ['me', 'impact', period],
    queryFn: () => getJson<MyImpact>('/api/me/impact', { period }),
    placeholderData: keepPreviousData,
    // Clicks are counted within moments: coming back to the page shows the new figures.
    staleTime: 0,
  });
}
