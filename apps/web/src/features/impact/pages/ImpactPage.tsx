import {
  Anchor,
  Button,
  Card,
  CopyButton,
  Group,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../../app/i18n/format';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { NetworkMark, networkLabel } from '../../profile/components/NetworkMark';
import { useMyShares } from '../hooks/useMyShares';
import type { MyShare } from '../types';

/** My impact, until the insights arrive: every share with the clicks it brought. */
export function ImpactPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('app.documentTitle', { page: t('impact.title') }));
  const shares = useMyShares();
  const items = shares.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="lg" maw={720}>
      <Stack gap={4}>
        <Title order={1} fz={{ base: 'h2', sm: 'h1' }}>
          {t('impact.title')}
        </Title>
        <Text c="dimmed">{t('impact.intro')}</Text>
      </Stack>

      {shares.isError && !shares.data ? (
        <ProblemAlert error={shares.error} title={t('impact.loadFailed')}>
          <Button variant="light" color="red" mt="sm" onClick={() => void shares.refetch()}>
            {t('common.retry')}
          </Button>
        </ProblemAlert>
      ) : !shares.data ? (
        <Stack gap="sm" aria-busy="true" aria-label={t('app.loading')}>
          {[0, 1, 2].map((row) => (
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
          <Group justify="space-between" gap="sm">
            <Title order={2} fz="h4">
              {t('impact.sharesHeading')}
            </Title>
            <Button
              variant="subtle"
              loading={shares.isRefetching && !shares.isFetchingNextPage}
              onClick={() => void shares.refetch()}
            >
              {t('impact.refresh')}
            </Button>
          </Group>
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

function ShareCard({ share }: { share: MyShare }) {
  const { t } = useTranslation();
  const format = useFormat();
  const label = networkLabel(share.network);
  const titleId = `share-${share.id}`;
  const figures = [
    { key: 'clicks', value: share.clicks, label: t('impact.clicks'), hint: t('impact.clicksHint') },
    {
      key: 'unique',
      value: share.uniqueClicks,
      label: t('impact.uniqueClicks'),
      hint: t('impact.uniqueClicksHint'),
    },
    { key: 'previews', value: share.previews, label: t('impact.previews'), hint: t('impact.previewsHint') },
  ];
  return (
    <Card withBorder radius="md" padding="md" component="li" aria-labelledby={titleId}>
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <NetworkMark network={share.network} />
        <Stack gap={2} miw={0} style={{ flex: 1 }}>
          <Text fw={600} id={titleId} style={{ overflowWrap: 'anywhere' }}>
            {share.packTitle}
          </Text>
          <Text size="sm" c="dimmed">
            {t('impact.sharedOn', { network: label, date: format.dateTime(new Date(share.createdAt)) })}
          </Text>
        </Stack>
      </Group>
      <SimpleGrid cols={3} spacing="xs" mt="sm" component="dl" m={0} pt="sm">
        {figures.map((figure) => (
          <Paper key={figure.key} withBorder radius="sm" p="xs" ta="center" title={figure.hint}>
            <Text component="dt" size="xs" c="dimmed">
              {figure.label}
            </Text>
            <Text component="dd" m={0} fw={700} fz="lg" data-testid={`impact-${figure.key}`}>
              {format.integer(figure.value)}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      <Text size="xs" c="dimmed" mt="sm">
        {t('impact.audience', { count: share.audienceSize })}
      </Text>
      <Group gap="xs" mt="xs" wrap="nowrap" align="center">
        <Anchor
          href={share.trackedUrl}
          target="_blank"
          rel="noopener noreferrer"
          size="sm"
          style={{
            overflowWrap: 'anywhere',
            flex: 1,
            minWidth: 0,
            display: 'flex',
            alignItems: 'center',
            minHeight: 44,
          }}
          aria-label={t('impact.trackedLinkLabel', { url: share.trackedUrl })}
        >
          {share.trackedUrl}
        </Anchor>
        <CopyButton value={share.trackedUrl}>
          {({ copied, copy }) => (
            <Button variant="default" size="compact-sm" mih={44} onClick={copy}>
              {copied ? t('common.copied') : t('common.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Card>
  );
}
