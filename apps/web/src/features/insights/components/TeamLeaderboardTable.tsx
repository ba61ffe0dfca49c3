import { Badge, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../app/i18n/format';
import type { TeamLeaderboardEntry } from '../types';
import { HiddenCaption } from './HiddenCaption';

export type RankBy = 'total' | 'perMember';

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

/** Teams with their total, their figure per member and both ranks; the caller's team marked. */
export function TeamLeaderboardTable({ entries, rankBy, metric, caption }: TeamLeaderboardTableProps) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Table.ScrollContainer minWidth={760} type="native">
      <Table verticalSpacing="xs" striped>
        <HiddenCaption>{caption}</HiddenCaption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" w={72}>
              {t('insights.columns.rank')}
            </Table.Th>
            <Table.Th scope="col">{t('insights.columns.team')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('insights.columns.members')}
            </Table.Th>
            <Table.Th scope="col" ta="right" aria-sort={rankBy === 'total' ? 'descending' : undefined}>
              {t('insights.teams.total', { metric })}
            </Table.Th>
            <Table.Th scope="col" ta="right" aria-sort={rankBy === 'perMember' ? 'descending' : undefined}>
              {t('insights.teams.perMember', { metric })}
            </Table.Th>
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
                <Group gap="xs" wrap="nowrap">
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
              <Table.Td ta="right" style={numeric}>
                {format.integer(entry.members)}
              </Table.Td>
              <Table.Td ta="right" style={numeric} fw={rankBy === 'total' ? 700 : undefined}>
                {format.integer(entry.value)}
              </Table.Td>
              <Table.Td ta="right" style={numeric} fw={rankBy === 'perMember' ? 700 : undefined}>
                {format.decimal(entry.valuePerMember)}
              </Table.Td>
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
