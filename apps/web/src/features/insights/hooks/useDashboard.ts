import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { filterQuery, type DashboardFilters } from '../filters';
import type { Dashboard } from '../types';
import { getJson } from './getJson';

/** The leader's dashboard for the filters; the last answer stays on screen while the next loads. */
export function useDashboard(filters: DashboardFilters) {
  return useQuery({
    queryKey: ['insights', 'dashboard', filters],
    queryFn: () => getJson<Dashboard>('/api/insights/dashboard', filterQuery(filters)),
    placeholderData: keepPreviousData,
  });
}
