import { Badge, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../app/i18n/format';
import { boardRows } from '../boardRows';
import { HiddenCaption } from './HiddenCaption';
import type { LeaderboardEntry, LeaderboardMetric } from '../types';

const FIGURES = ['points', 'reach', 'clicks', 'uniqueClicks', 'shares'] as const;

interface LeaderboardTableProps {
  entries: readonly LeaderboardEntry[];
  me: LeaderboardEntry | null;
  metric: LeaderboardMetric;
  teamName: (teamId: string | null) => string | null;
  caption: string;
}

/**
 * Members by rank: shared ranks said as such, anonymous entries, and the caller's row marked. The
 * ranked figure comes right after the name, so a phone shows rank, name and figure without
 * scrolling; the table is as wide as its content needs (no minimum width spreading the columns), and
 * the other figures scroll inside its own box.
 */
export function LeaderboardTable({ entries, me, metric, teamName, caption }: LeaderboardTableProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const rows = boardRows(entries, me);
  const others = FIGURES.filter((figure) => figure !== metric);
  const figureCell = (entry: LeaderboardEntry, figure: (typeof FIGURES)[number]) => (
    <Table.Td
      key={figure}
      ta="right"
      fw={figure === metric ? 700 : undefined}
      data-ranked-figure={figure === metric ? 'true' : undefined}
      style={{ fontVariantNumeric: 'tabular-nums' }}
    >
      {format.integer(entry[figure])}
    </Table.Td>
  );
  const figureHeading = (figure: (typeof FIGURES)[number]) => (
    <Table.Th
      key={figure}
      scope="col"
      ta="right"
      aria-sort={figure === metric ? 'descending' : undefined}
      c={figure === metric ? 'indigo.8' : undefined}
    >
      {t(`insights.figures.${figure}`)}
    </Table.Th>
  );
  return (
    <Table.ScrollContainer minWidth={0} type="native">
      <Table verticalSpacing="xs" striped>
        <HiddenCaption>{caption}</HiddenCaption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" w={64}>
              {t('insights.columns.rank')}
            </Table.Th>
            <Table.Th scope="col">{t('insights.columns.advocate')}</Table.Th>
            {figureHeading(metric)}
            <Table.Th scope="col">{t('insights.columns.team')}</Table.Th>
            {others.map(figureHeading)}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => {
            if (row.kind === 'gap') {
              return (
                <Table.Tr key="gap">
                  <Table.Td colSpan={3 + FIGURES.length} ta="center" c="dimmed" fz="sm">
                    {t('insights.leaderboards.gap', { count: row.skipped })}
                  </Table.Td>
                </Table.Tr>
              );
            }
            const { entry, sharedRank } = row;
            return (
              <Table.Tr
                key={`${entry.position}`}
                bg={entry.isCaller ? 'indigo.0' : undefined}
                aria-current={entry.isCaller ? 'true' : undefined}
                data-caller={entry.isCaller ? 'true' : undefined}
              >
                <Table.Td fw={700} style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {format.integer(entry.rank)}
                  {sharedRank ? (
                    <Text span size="xs" c="dimmed" fw={400} ml={4}>
                      {t('insights.leaderboards.shared')}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td miw={96}>
                  <Group gap={4} wrap="wrap">
                    {entry.anonymous ? (
                      <Text size="sm" fs="italic" c="dimmed">
                        {t('insights.anonymous')}
                      </Text>
                    ) : (
                      <Text size="sm" fw={entry.isCaller ? 700 : 500}>
                        {entry.name}
                      </Text>
                    )}
                    {entry.isCaller ? (
                      <Badge size="sm" variant="filled" color="indigo" tt="none" style={{ flexShrink: 0 }}>
                        {t('insights.you')}
                      </Badge>
                    ) : null}
                  </Group>
                </Table.Td>
                {figureCell(entry, metric)}
                <Table.Td fz="sm">
                  {entry.anonymous ? '' : (teamName(entry.teamId) ?? t('insights.noTeam'))}
                </Table.Td>
                {others.map((figure) => figureCell(entry, figure))}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
