import { Anchor, Group, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../../app/i18n/format';
import type { ImpactRank } from '../types';

/** The member's place among everyone on the points leaderboard of the same period. */
export function RankCard({ rank, periodLabel }: { rank: ImpactRank | null; periodLabel: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (rank === null) return null;
  return (
    <Paper withBorder radius="md" p="md" bg="indigo.0" component="section" aria-labelledby="impact-rank">
      <Group gap="md" wrap="nowrap" align="center">
        <ThemeIcon size={56} radius="xl" color="indigo" aria-hidden style={{ flexShrink: 0 }}>
          <Text fw={800} fz={rank.rank > 99 ? 'sm' : 'lg'} c="white">
            {format.integer(rank.rank)}
          </Text>
        </ThemeIcon>
        <Stack gap={2} miw={0}>
          <Text fw={700} id="impact-rank" data-testid="impact-rank">
            {t('impact.rank.place', { rank: format.integer(rank.rank), total: format.integer(rank.total) })}
          </Text>
          <Text size="sm" c="dimmed">
            {t('impact.rank.byPoints', { period: periodLabel })}
          </Text>
          {rank.anonymous ? (
            <Text size="sm" c="dimmed">
              {t('impact.rank.anonymous')}
            </Text>
          ) : null}
          <Anchor
            component={Link}
            to="/feed"
            data-testid="impact-rank-action"
            size="sm"
            mih={44}
            style={{ display: 'inline-flex', alignItems: 'center' }}
          >
            {/* The number one has nowhere to climb: sharing keeps them there. */}
            {t(rank.rank === 1 ? 'impact.rank.stayOnTop' : 'impact.rank.climb')}
          </Anchor>
        </Stack>
      </Group>
    </Paper>
  );
}
