import { Button, Paper, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useFormat } from '../../../app/i18n/format';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { DashboardBreakdowns } from '../components/DashboardBreakdowns';
import { DashboardFigures } from '../components/DashboardFigures';
import { DashboardTables } from '../components/DashboardTables';
import { DashboardTrend } from '../components/DashboardTrend';
import { FilterBar } from '../components/FilterBar';
import { InsightsHeader } from '../components/InsightsHeader';
import { useFilterFields } from '../components/useFilterFields';
import { readDashboardFilters } from '../filters';
import { useDashboard } from '../hooks/useDashboard';
import { DASHBOARD_PERIODS, type Dashboard } from '../types';

/** The leader's home: the period's figures against the previous one, over time, by network, team and more. */
export function InsightsDashboardPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('app.documentTitle', { page: t('insights.pages.dashboard') }));
  const [params, setParams] = useSearchParams();
  const filters = readDashboardFilters(params);
  const fields = useFilterFields();
  const dashboard = useDashboard(filters);
  const filtered = filters.team !== null || filters.network !== null || filters.kind !== null;

  return (
    <Stack gap="lg" maw={1200}>
      <InsightsHeader page="dashboard" intro={t('insights.dashboard.intro')} />
      <FilterBar
        problem={dashboard.error}
        fields={[
          fields.period(filters.period, DASHBOARD_PERIODS),
          fields.team(filters.team),
          fields.network(filters.network),
          fields.kind(filters.kind),
        ]}
      />

      {dashboard.isError && !dashboard.data ? (
        <ProblemAlert error={dashboard.error} title={t('insights.dashboard.loadFailed')}>
          <Button variant="light" color="red" mt="sm" onClick={() => void dashboard.refetch()}>
            {t('common.retry')}
          </Button>
        </ProblemAlert>
      ) : !dashboard.data ? (
        <Stack gap="md" role="status" aria-busy="true" aria-label={t('app.loading')}>
          <Skeleton h={16} w={320} maw="100%" />
          <SimpleGrid cols={{ base: 2, md: 3 }} spacing="md">
            {Array.from({ length: 9 }, (_, tile) => (
              <Skeleton key={tile} h={112} radius="md" />
            ))}
          </SimpleGrid>
          <Skeleton h={340} radius="md" />
        </Stack>
      ) : (
        <Stack
          gap="lg"
          aria-busy={dashboard.isFetching}
          style={{ opacity: dashboard.isPlaceholderData ? 0.6 : 1 }}
        >
          {dashboard.isError ? (
            <ProblemAlert error={dashboard.error} title={t('insights.dashboard.loadFailed')} />
          ) : null}
          <WindowLine dashboard={dashboard.data} />
          <DashboardFigures dashboard={dashboard.data} />
          {!dashboard.data.kpis.shares.value && !dashboard.data.kpis.clicks.value ? (
            <Paper withBorder p="xl" radius="md" ta="center">
              <Text fw={600}>{t('insights.dashboard.empty.title')}</Text>
              <Text size="sm" c="dimmed" mt={4} maw={560} mx="auto">
                {t(filtered ? 'insights.dashboard.empty.filtered' : 'insights.dashboard.empty.body')}
              </Text>
              {filtered || filters.period !== 'year' ? (
                <Button
                  variant="light"
                  mt="md"
                  onClick={() =>
                    setParams(filtered ? new URLSearchParams({ period: filters.period }) : { period: 'year' })
                  }
                >
                  {t(
                    filtered ? 'insights.dashboard.empty.clearFilters' : 'insights.dashboard.empty.showYear',
                  )}
                </Button>
              ) : null}
            </Paper>
          ) : (
            <>
              <DashboardTrend dashboard={dashboard.data} filters={filters} />
              <DashboardBreakdowns dashboard={dashboard.data} filters={filters} />
              <DashboardTables dashboard={dashboard.data} filters={filters} />
            </>
          )}
        </Stack>
      )}
    </Stack>
  );
}

/** Which days the figures cover, which days they are compared with, and when they were read. */
function WindowLine({ dashboard }: { dashboard: Dashboard }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { window } = dashboard;
  return (
    <Text size="sm" c="dimmed" data-testid="insights-window">
      {t('insights.window', {
        range: format.localDayRange(window.from, window.to),
        previous: format.localDayRange(window.previousFrom, window.previousTo),
      })}{' '}
      {t('insights.asOf', { date: format.dateTime(new Date(dashboard.asOf)) })}
    </Text>
  );
}
