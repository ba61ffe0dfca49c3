import { Button, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useFormat } from '../../../app/i18n/format';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { CsvLink } from '../components/CsvLink';
import { FilterBar } from '../components/FilterBar';
import { InsightsHeader } from '../components/InsightsHeader';
import { LeaderboardTable } from '../components/LeaderboardTable';
import { useFilterFields } from '../components/useFilterFields';
import { leaderboardCsvHref, readLeaderboardFilters } from '../filters';
import { useLeaderboard } from '../hooks/useLeaderboard';
import { LEADERBOARD_PERIODS } from '../types';

const FIRST_PAGE = 25;
const WHOLE_TOP = 100;

/** Members ranked by a figure of the period; the leader's own place is always shown. */
export function LeaderboardsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  useDocumentTitle(t('app.documentTitle', { page: t('insights.pages.leaderboards') }));
  const [params] = useSearchParams();
  const filters = readLeaderboardFilters(params);
  const fields = useFilterFields();
  const [limit, setLimit] = useState(FIRST_PAGE);
  const board = useLeaderboard(filters, limit);
  const heading = t('insights.leaderboards.heading', { metric: t(`insights.figures.${filters.metric}`) });

  return (
    <Stack gap="lg" maw={1200}>
      <InsightsHeader page="leaderboards" intro={t('insights.leaderboards.intro')} />
      <FilterBar
        problem={board.error}
        fields={[
          fields.metric(filters.metric),
          fields.period(filters.period, LEADERBOARD_PERIODS),
          fields.team(filters.team),
          fields.network(filters.network),
          fields.kind(filters.kind),
        ]}
      />
      {board.isError && !board.data ? (
        <ProblemAlert error={board.error} title={t('insights.leaderboards.loadFailed')}>
          <Button variant="light" color="red" mt="sm" onClick={() => void board.refetch()}>
            {t('common.retry')}
          </Button>
        </ProblemAlert>
      ) : !board.data ? (
        <Stack gap="xs" aria-busy="true" aria-label={t('app.loading')}>
          {Array.from({ length: 8 }, (_, row) => (
            <Skeleton key={row} h={40} radius="sm" />
          ))}
        </Stack>
      ) : (
        <Paper
          withBorder
          radius="md"
          p={{ base: 'sm', sm: 'md' }}
          component="section"
          aria-labelledby="leaderboard-heading"
          aria-busy={board.isFetching}
          style={{ opacity: board.isPlaceholderData ? 0.6 : 1 }}
        >
          <Group justify="space-between" align="flex-start" gap="xs" mb="sm">
            <Stack gap={2} miw={0} style={{ flex: '1 1 14rem' }}>
              <Title order={2} fz="h4" id="leaderboard-heading">
                {heading}
              </Title>
              <Text size="sm" c="dimmed">
                {t('insights.leaderboards.summary', {
                  count: board.data.total,
                  period: board.data.from
                    ? format.localDayRange(board.data.from, board.data.to)
                    : t('insights.periods.all'),
                })}
              </Text>
            </Stack>
            <CsvLink href={leaderboardCsvHref(filters)} what={heading} />
          </Group>
          {board.data.total === 0 ? (
            <Text size="sm" c="dimmed" ta="center" py="lg">
              {t('insights.leaderboards.empty')}
            </Text>
          ) : (
            <LeaderboardTable
              entries={board.data.entries}
              me={board.data.me}
              metric={filters.metric}
              teamName={fields.teamName}
              caption={heading}
            />
          )}
          {board.data.total > board.data.entries.length && limit < WHOLE_TOP ? (
            <Group justify="center" mt="sm">
              <Button variant="light" loading={board.isFetching} onClick={() => setLimit(WHOLE_TOP)}>
                {t('insights.leaderboards.showTop', { count: WHOLE_TOP })}
              </Button>
            </Group>
          ) : null}
        </Paper>
      )}
    </Stack>
  );
}
