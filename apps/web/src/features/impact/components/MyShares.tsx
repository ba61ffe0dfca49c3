import { Button, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { CsvLink } from '../../insights/components/CsvLink';
import { useMyShares } from '../hooks/useMyShares';
import { ShareCard } from './ShareCard';

/** Every share the member made, newest first, with its clicks; the whole list as CSV. */
export function MyShares() {
  const { t } = useTranslation();
  const shares = useMyShares();
  const items = shares.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="sm" component="section" aria-labelledby="impact-shares">
      <Group justify="space-between" gap="xs">
        <Title order={2} fz="h4" id="impact-shares">
          {t('impact.sharesHeading')}
        </Title>
        <Group gap={4} wrap="nowrap">
          <Button
            variant="subtle"
            size="sm"
            loading={shares.isRefetching && !shares.isFetchingNextPage}
            onClick={() => void shares.refetch()}
          >
            {t('impact.refresh')}
          </Button>
          {items.length > 0 ? <CsvLink href="/api/me/shares.csv" what={t('impact.sharesHeading')} /> : null}
        </Group>
      </Group>
      {shares.isError && !shares.data ? (
        <ProblemAlert error={shares.error} title={t('impact.loadFailed')}>
          <Button variant="light" color="red" mt="sm" onClick={() => void shares.refetch()}>
            {t('common.retry')}
          </Button>
        </ProblemAlert>
      ) : !shares.data ? (
        <Stack gap="sm" role="status" aria-busy="true" aria-label={t('app.loading')}>
          {[0, 1].map((row) => (
            <Skeleton key={row} h={150} radius="md" />
          ))}
        </Stack>
      ) : items.length === 0 ? (
        <Paper withBorder p="xl" radius="md" ta="center">
          <Text fw={600}>{t('impact.empty.title')}</Text>
          <Text size="sm" c="dimmed" mt={4}>
            {t('impact.empty.body')}
          </Text>
          <Button component={Link} to="/feed" variant="light" mt="md">
            {t('impact.empty.action')}
          </Button>
        </Paper>
      ) : (
        <>
          <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {items.map((share) => (
              <ShareCard key={share.id} share={share} />
            ))}
          </Stack>
          {shares.hasNextPage ? (
            <Group justify="center">
              <Button
                variant="light"
                loading={shares.isFetchingNextPage}
                onClick={() => void shares.fetchNextPage()}
                w={{ base: '100%', xs: 'auto' }}
              >
                {t('common.loadMore')}
              </Button>
            </Group>
          ) : null}
          {shares.isFetchNextPageError ? (
            <ProblemAlert error={shares.error} title={t('impact.loadMoreFailed')} />
          ) : null}
        </>
      )}
    </Stack>
  );
}
