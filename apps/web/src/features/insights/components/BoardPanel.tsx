import { Button, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../app/i18n/format';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { CsvLink } from './CsvLink';

interface BoardWindow {
  total: number;
  from: string | null;
  to: string;
}

interface BoardPanelProps<T extends BoardWindow> {
  /** The board's query (TanStack Query's result; only these fields are read). */
  board: {
    data: T | undefined;
    error: unknown;
    isError: boolean;
    isFetching: boolean;
    isPlaceholderData: boolean;
    refetch: () => unknown;
  };
  /** `insights.leaderboards` or `insights.teams`: where `loadFailed` and `summary` are. */
  messages: 'insights.leaderboards' | 'insights.teams';
  id: string;
  heading: string;
  csvHref: string;
  skeletonRows: number;
  /** The board itself, once loaded. */
  children: (data: T) => ReactNode;
}

/**
 * A leaderboard's frame, the same for members and teams: the error with a retry, a skeleton while
 * loading, then a section with the heading, "N ranked in <period>", the CSV link and the board.
 */
export function BoardPanel<T extends BoardWindow>({
  board,
  messages,
  id,
  heading,
  csvHref,
  skeletonRows,
  children,
}: BoardPanelProps<T>) {
  const { t } = useTranslation();
  const format = useFormat();
  if (board.isError && !board.data)
    return (
      <ProblemAlert error={board.error} title={t(`${messages}.loadFailed`)}>
        <Button variant="light" color="red" mt="sm" onClick={() => void board.refetch()}>
          {t('common.retry')}
        </Button>
      </ProblemAlert>
    );
  if (!board.data)
    return (
      <Stack gap="xs" role="status" aria-busy="true" aria-label={t('app.loading')}>
        {Array.from({ length: skeletonRows }, (_, row) => (
          <Skeleton key={row} h={40} radius="sm" />
        ))}
      </Stack>
    );
  return (
    <Paper
      withBorder
      radius="md"
      p={{ base: 'sm', sm: 'md' }}
      component="section"
      aria-labelledby={id}
      aria-busy={board.isFetching}
      style={{ opacity: board.isPlaceholderData ? 0.6 : 1 }}
    >
      <Group justify="space-between" align="flex-start" gap="xs" mb="sm">
        <Stack gap={2} miw={0} style={{ flex: '1 1 14rem' }}>
          <Title order={2} fz="h4" id={id}>
            {heading}
          </Title>
          <Text size="sm" c="dimmed">
            {t(`${messages}.summary`, {
              count: board.data.total,
              period: board.data.from
                ? format.localDayRange(board.data.from, board.data.to)
                : t('insights.periods.all'),
            })}
          </Text>
        </Stack>
        <CsvLink href={csvHref} what={heading} />
      </Group>
      {children(board.data)}
    </Paper>
  );
}
