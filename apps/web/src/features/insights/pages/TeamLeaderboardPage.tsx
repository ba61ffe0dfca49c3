import { Button, Group, Paper, SegmentedControl, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useFormat } from '../../../app/i18n/format';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { CsvLink } from '../components/CsvLink';
import { FilterBar } from '../components/FilterBar';
import { InsightsHeader } from '../components/InsightsHeader';
import { rankOf, TeamLeaderboardTable, type RankBy } from '../components/TeamLeaderboardTable';
import { useFilterFields } from '../components/useFilterFields';
import { readTeamLeaderboardFilters, teamLeaderboardCsvHref } from '../filters';
import { useTeamLeaderboard } from '../hooks/useTeamLeaderboard';
import { LEADERBOARD_PERIODS } from '../types';

/** Teams ranked by their total and per member, so a small team can lead too. */
export function TeamLeaderboardPage() {
  const { t } = useTranslation();
  const format = useFormat();
  useDocumentTitle(t('app.documentTitle', { page: t('insights.pages.teams') }));
  const [params] = useSearchParams();
  const filters = readTeamLeaderboardFilters(params);
  const fields = useFilterFields();
  const [rankBy, setRankBy] = useState<RankBy>('total');
  const board = useTeamLeaderboard(filters);
  const metric = t(`insights.figures.${filters.metric}`);
  const heading = t('insights.teams.heading', { metric });
  const entries = [...(board.data?.entries ?? [])];
  if (board.data?.me && !entries.some((entry) => entry.isCallersTeam)) entries.push(board.data.me);
  entries.sort((a, b) => rankOf(a, rankBy) - rankOf(b, rankBy) || a.name.localeCompare(b.name));

  return (
    <Stack gap="lg" maw={1200}>
      <InsightsHeader page="teams" intro={t('insights.teams.intro')} />
      <FilterBar
        problem={board.error}
        fields={[
          fields.metric(filters.metric),
          fields.period(filters.period, LEADERBOARD_PERIODS),
          fields.network(filters.network),
          fields.kind(filters.kind),
        ]}
      />
      {board.isError && !board.data ? (
        <ProblemAlert error={board.error} title={t('insights.teams.loadFailed')}>
          <Button variant="light" color="red" mt="sm" onClick={() => void board.refetch()}>
            {t('common.retry')}
          </Button>
        </ProblemAlert>
      ) : !board.data ? (
        <Stack gap="xs" aria-busy="true" aria-label={t('app.loading')}>
          {Array.from({ length: 5 }, (_, row) => (
            <Skeleton key={row} h={40} radius="sm" />
          ))}
        </Stack>
      ) : (
        <Paper
          withBorder
          radius="md"
          p={{ base: 'sm', sm: 'md' }}
          component="section"
          aria-labelledby="team-board-heading"
          aria-busy={board.isFetching}
          style={{ opacity: board.isPlaceholderData ? 0.6 : 1 }}
        >
          <Group justify="space-between" align="flex-start" gap="xs" mb="sm">
            <Stack gap={2} miw={0} style={{ flex: '1 1 14rem' }}>
              <Title order={2} fz="h4" id="team-board-heading">
                {heading}
              </Title>
              <Text size="sm" c="dimmed">
                {t('insights.teams.summary', {
                  count: board.data.total,
                  period: board.data.from
                    ? format.localDayRange(board.data.from, board.data.to)
                    : t('insights.periods.all'),
                })}
              </Text>
            </Stack>
            <CsvLink href={teamLeaderboardCsvHref(filters)} what={heading} />
          </Group>
          {entries.length === 0 ? (
            <Stack align="center" gap="xs" py="lg">
              <Text size="sm" c="dimmed" ta="center">
                {t('insights.teams.empty')}
              </Text>
            </Stack>
          ) : (
            <>
              <SegmentedControl
                mb="sm"
                value={rankBy}
                onChange={(value) => setRankBy(value === 'perMember' ? 'perMember' : 'total')}
                aria-label={t('insights.teams.rankBy')}
                data={[
                  { value: 'total', label: t('insights.teams.byTotal') },
                  { value: 'perMember', label: t('insights.teams.byMember') },
                ]}
              />
              <TeamLeaderboardTable entries={entries} rankBy={rankBy} metric={metric} caption={heading} />
            </>
          )}
        </Paper>
      )}
    </Stack>
  );
}
