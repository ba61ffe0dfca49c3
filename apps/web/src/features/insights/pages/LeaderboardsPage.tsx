import { Button, Group, Stack, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { BoardPanel } from '../components/BoardPanel';
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
      <BoardPanel
        board={board}
        messages="insights.leaderboards"
        id="leaderboard-heading"
        heading={heading}
        csvHref={leaderboardCsvHref(filters)}
        skeletonRows={8}
      >
        {(data) => (
          <>
            {data.fansOnly ? (
              <Text size="sm" c="dimmed" data-testid="fans-only">
                {t('insights.leaderboards.fansOnly')}
              </Text>
            ) : null}
            {data.total === 0 ? (
              <Text size="sm" c="dimmed" ta="center" py="lg">
                {t('insights.leaderboards.empty')}
              </Text>
            ) : (
              <LeaderboardTable
                entries={data.entries}
                me={data.me}
                metric={filters.metric}
                teamName={fields.teamName}
                caption={heading}
              />
            )}
            {data.total > data.entries.length && limit < WHOLE_TOP ? (
              <Group justify="center" mt="sm">
                <Button variant="light" loading={board.isFetching} onClick={() => setLimit(WHOLE_TOP)}>
                  {t('insights.leaderboards.showTop', { count: WHOLE_TOP })}
                </Button>
              </Group>
            ) : null}
          </>
        )}
      </BoardPanel>
    </Stack>
  );
}
