import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { filterQuery, type DashboardFilters } from '../filters';

/** The leader's dashboard for the filters; the last answer stays on screen while the next loads. */
export function useDashboard(filters: DashboardFilters) {
  return useQuery({
    queryKey: ['insights', 'dashboard', filters],
    queryFn: () => unwrap(api.GET('/api/insights/dashboard', { params: { query: filterQuery(filters) } })),
    placeholderData: keepPreviousData,
  });
}
