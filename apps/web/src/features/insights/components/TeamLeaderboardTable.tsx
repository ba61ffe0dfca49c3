import { Badge, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../app/i18n/format';
import type { TeamLeaderboardEntry } from '../types';
import { HiddenCaption } from './HiddenCaption';

export type RankBy = 'total' | 'perMember';
type FigureColumn = RankBy;

/** A team's rank by its total or by its figure per member. */
export function rankOf(entry: TeamLeaderboardEntry, rankBy: RankBy): number {
  return rankBy === 'total' ? entry.rank : entry.perMemberRank;
}

interface TeamLeaderboardTableProps {
  entries: readonly TeamLeaderboardEntry[];
  rankBy: RankBy;
  /** The ranked figure's name, for the column headings. */
  metric: string;
  caption: string;
}

/**
 * Teams with their total, their figure per member and both ranks; the caller's team marked. The
 * figure the teams are ranked by comes right after the name, so a phone shows it without scrolling;
 * the table is as wide as its content needs, the other columns scroll inside its own box.
 */
export function TeamLeaderboardTable({ entries, rankBy, metric, caption }: TeamLeaderboardTableProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const [ranked, other]: [FigureColumn, FigureColumn] =
    rankBy === 'total' ? ['total', 'perMember'] : ['perMember', 'total'];
  const heading = (column: FigureColumn) => (
    <Table.Th key={column} scope="col" ta="right" aria-sort={rankBy === column ? 'descending' : undefined}>
      {t(column === 'total' ? 'insights.teams.total' : 'insights.teams.perMember', { metric })}
    </Table.Th>
  );
  const cell = (entry: TeamLeaderboardEntry, column: FigureColumn) => (
    <Table.Td
      key={column}
      ta="right"
      style={numeric}
      fw={rankBy === column ? 700 : undefined}
      data-ranked-figure={rankBy === column ? 'true' : undefined}
    >
      {column === 'total' ? format.integer(entry.value) : format.decimal(entry.valuePerMember)}
    </Table.Td>
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
            <Table.Th scope="col">{t('insights.columns.team')}</Table.Th>
            {heading(ranked)}
            <Table.Th scope="col" ta="right">
              {t('insights.columns.members')}
            </Table.Th>
            {heading(other)}
            <Table.Th scope="col" ta="right">
              {t('insights.teams.otherRank', {
                by: rankBy === 'total' ? t('insights.teams.byMember') : t('insights.teams.byTotal'),
              })}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => (
            <Table.Tr
              key={entry.teamId}
              bg={entry.isCallersTeam ? 'indigo.0' : undefined}
              aria-current={entry.isCallersTeam ? 'true' : undefined}
              data-callers-team={entry.isCallersTeam ? 'true' : undefined}
            >
              <Table.Td fw={700} style={numeric}>
                {format.integer(rankOf(entry, rankBy))}
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="wrap">
                  <Text size="sm" fw={entry.isCallersTeam ? 700 : 500}>
                    {entry.name}
                  </Text>
                  {entry.isCallersTeam ? (
                    <Badge size="sm" variant="filled" color="indigo" tt="none" style={{ flexShrink: 0 }}>
                      {t('insights.teams.yours')}
                    </Badge>
                  ) : null}
                </Group>
              </Table.Td>
              {cell(entry, ranked)}
              <Table.Td ta="right" style={numeric}>
                {format.integer(entry.members)}
              </Table.Td>
              {cell(entry, other)}
              <Table.Td ta="right" style={numeric}>
                {format.integer(rankBy === 'total' ? entry.perMemberRank : entry.rank)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

const numeric = { fontVariantNumeric: 'tabular-nums' } as const;
