import { Alert, Button, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useDeferredValue, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { firstScreenShown } from '../../../app/firstScreen';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { FeedCard } from '../components/FeedCard';
import { LockedBanner } from '../components/LockedBanner';
import { useFeed } from '../hooks/useFeed';
import { useSharingRules } from '../hooks/useSharingRules';

/** The advocate's home: packs ready to share, one tap per network. */
export function FeedPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('app.documentTitle', { page: t('feed.title') }));
  const feed = useFeed();
  const rules = useSharingRules();
  const readiness = feed.data?.pages[0]?.readiness;
  const items = feed.data?.pages.flatMap((page) => page.items) ?? [];
  // The answer arrives through the query's store, which React renders in one go: the first card (its
  // picture is the page's largest paint) comes at once, the others in a background render that
  // lets the browser in between cards, so a phone's slower CPU does not freeze on ten of them.
  const deferredCount = useDeferredValue(items.length);
  const shown = items.slice(0, Math.max(deferredCount, Math.min(items.length, 1)));
  // The first screen is complete once the first card's picture is in (FeedCard says so), or at once
  // when there is no such picture: then the rest of the styles and the service worker load.
  const waitsForPicture = items[0]?.media.some((media) => media.kind === 'image') ?? false;
  const firstScreenDone = feed.isError || (feed.data !== undefined && !waitsForPicture);
  useEffect(() => {
    if (firstScreenDone) firstScreenShown();
  }, [firstScreenDone]);
  // `?pack=<id>&network=<id>`: where an e-mail's share button leads.
  const [params] = useSearchParams();
  const linkedPack = params.get('pack');
  const linkedMissing =
    linkedPack !== null &&
    feed.data !== undefined &&
    !feed.hasNextPage &&
    !items.some((i) => i.packId === linkedPack);

  return (
    <Stack gap="lg" maw={720}>
      <Group justify="space-between" align="flex-end" gap="sm">
        <Stack gap={4}>
          <Title order={1} fz={{ base: 'h2', sm: 'h1' }}>
            {t('feed.title')}
          </Title>
          <Text c="dimmed">{t('feed.intro')}</Text>
        </Stack>
        <Button component={Link} to="/suggest" variant="light" w={{ base: '100%', xs: 'auto' }}>
          {t('feed.suggestLink')}
        </Button>
      </Group>

      {readiness && !readiness.mayShare ? <LockedBanner readiness={readiness} /> : null}
      {linkedMissing ? (
        <Alert color="gray" role="status" title={t('feed.linkedMissing.title')}>
          {t('feed.linkedMissing.body')}
        </Alert>
      ) : null}
      {rules.isError ? (
        <Text size="sm" c="dimmed" role="status">
          {t('feed.rulesUnavailable')}
        </Text>
      ) : null}

      {feed.isError && !feed.data ? (
        <ProblemAlert error={feed.error} title={t('feed.loadFailed')}>
          <Button variant="light" color="red" mt="sm" onClick={() => void feed.refetch()}>
            {t('common.retry')}
          </Button>
        </ProblemAlert>
      ) : !feed.data ? (
        <Stack gap="sm" role="status" aria-busy="true" aria-label={t('app.loading')}>
          {[0, 1].map((row) => (
            <Skeleton key={row} h={320} radius="md" />
          ))}
        </Stack>
      ) : items.length === 0 ? (
        <Paper withBorder p="xl" radius="md" ta="center">
          <Text fw={600}>{t('feed.empty.title')}</Text>
          <Text size="sm" c="dimmed" mt={4}>
            {t('feed.empty.body')}
          </Text>
          <Button component={Link} to="/profile" variant="light" mt="md">
            {t('feed.empty.action')}
          </Button>
        </Paper>
      ) : (
        <>
          <Stack gap="md" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {shown.map((item, index) => (
              <FeedCard
                key={item.packId}
                first={index === 0}
                item={item}
                mayShare={readiness?.mayShare ?? false}
                blocking={readiness?.blocking}
                rules={rules.data}
                focused={item.packId === linkedPack}
                initialNetwork={item.packId === linkedPack ? params.get('network') : null}
              />
            ))}
          </Stack>
          {feed.hasNextPage ? (
            <Group justify="center">
              <Button
                variant="light"
                loading={feed.isFetchingNextPage}
                onClick={() => void feed.fetchNextPage()}
                w={{ base: '100%', xs: 'auto' }}
              >
                {t('common.loadMore')}
              </Button>
            </Group>
          ) : null}
          {feed.isFetchNextPageError ? (
            <ProblemAlert error={feed.error} title={t('feed.loadMoreFailed')} />
          ) : null}
        </>
      )}
    </Stack>
  );
}
