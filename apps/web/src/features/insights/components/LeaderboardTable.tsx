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

/** Members by rank: shared ranks said as such, anonymous entries, and the caller's row marked. */
export function LeaderboardTable({ entries, me, metric, teamName, caption }: LeaderboardTableProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const rows = boardRows(entries, me);
  return (
    <Table.ScrollContainer minWidth={720} type="native">
      <Table verticalSpacing="xs" striped>
        <HiddenCaption>{caption}</HiddenCaption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" w={72}>
              {t('insights.columns.rank')}
            </Table.Th>
            <Table.Th scope="col">{t('insights.columns.advocate')}</Table.Th>
            <Table.Th scope="col">{t('insights.columns.team')}</Table.Th>
            {FIGURES.map((figure) => (
              <Table.Th
                key={figure}
                scope="col"
                ta="right"
                aria-sort={figure === metric ? 'descending' : undefined}
                c={figure === metric ? 'indigo.8' : undefined}
              >
                {t(`insights.figures.${figure}`)}
              </Table.Th>
            ))}
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
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
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
                <Table.Td fz="sm">
                  {entry.anonymous ? '' : (teamName(entry.teamId) ?? t('insights.noTeam'))}
                </Table.Td>
                {FIGURES.map((figure) => (
                  <Table.Td
                    key={figure}
                    ta="right"
                    fw={figure === metric ? 700 : undefined}
                    style={{ fontVariantNumeric: 'tabular-nums' }}
                  >
                    {format.integer(entry[figure])}
                  </Table.Td>
                ))}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
