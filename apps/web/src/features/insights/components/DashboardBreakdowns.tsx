import { SimpleGrid } from '@mantine/core';
import type { DashboardFilters } from '../filters';
import type { Dashboard } from '../types';
import { NetworkBreakdown } from './NetworkBreakdown';
import { TeamBreakdown } from './TeamBreakdown';

/** The window's figures by network (in each network's colour) and by team. */
export function DashboardBreakdowns({
  dashboard,
  filters,
}: {
  dashboard: Dashboard;
  filters: DashboardFilters;
}) {
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
      <NetworkBreakdown dashboard={dashboard} filters={filters} />
      <TeamBreakdown dashboard={dashboard} filters={filters} />
    </SimpleGrid>
  );
}
