import { SegmentedControl, Stack, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { BoardPanel } from '../components/BoardPanel';
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
      <BoardPanel
        board={board}
        messages="insights.teams"
        id="team-board-heading"
        heading={heading}
        csvHref={teamLeaderboardCsvHref(filters)}
        skeletonRows={5}
      >
        {() =>
          entries.length === 0 ? (
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
          )
        }
      </BoardPanel>
    </Stack>
  );
}
