import { Badge, Button, Group, Paper, Select, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../app/i18n/format';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { MessageViewer } from '../components/MessageViewer';
import { useDeliveries } from '../hooks/useDeliveries';
import { deliveryStatuses, type Delivery, type DeliveryStatus } from '../types';

const statusColour: Record<DeliveryStatus, string> = {
  queued: 'gray',
  sending: 'blue',
  retrying: 'orange',
  sent: 'teal',
  failed: 'red',
};

/** `/outbox`: every e-mail Heimo sent or tried to send, and the messages kept in the local outbox. */
export function OutboxPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('app.documentTitle', { page: t('notifications.outbox.title') }));
  const [status, setStatus] = useState<DeliveryStatus | null>(null);
  const [open, setOpen] = useState<Delivery | null>(null);
  const deliveries = useDeliveries(status);
  const items = deliveries.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="lg" maw={960}>
      <Stack gap={4}>
        <Title order={1} fz={{ base: 'h2', sm: 'h1' }}>
          {t('notifications.outbox.title')}
        </Title>
        <Text c="dimmed">{t('notifications.outbox.intro')}</Text>
      </Stack>
      <Group gap="sm" align="end">
        <Select
          label={t('notifications.outbox.status')}
          placeholder={t('notifications.outbox.allStatuses')}
          clearable
          w={{ base: '100%', xs: 280 }}
          value={status}
          onChange={(value) => setStatus(deliveryStatuses.find((candidate) => candidate === value) ?? null)}
          data={deliveryStatuses.map((value) => ({ value, label: t(`notifications.status.${value}`) }))}
        />
        <Button
          variant="default"
          loading={deliveries.isRefetching && !deliveries.isFetchingNextPage}
          onClick={() => void deliveries.refetch()}
          w={{ base: '100%', xs: 'auto' }}
        >
          {t('notifications.outbox.refresh')}
        </Button>
      </Group>
      {deliveries.isError ? (
        <ProblemAlert error={deliveries.error} title={t('notifications.outbox.loadFailed')}>
          <Button variant="light" color="red" mt="sm" onClick={() => void deliveries.refetch()}>
            {t('common.retry')}
          </Button>
        </ProblemAlert>
      ) : deliveries.isPending ? (
        <Stack gap="xs" role="status" aria-busy="true" aria-label={t('app.loading')}>
          {[0, 1, 2, 3].map((row) => (
            <Skeleton key={row} h={96} radius="md" />
          ))}
        </Stack>
      ) : items.length === 0 ? (
        <Paper withBorder p="xl" radius="md" ta="center">
          <Text>{t(status ? 'notifications.outbox.emptyFiltered' : 'notifications.outbox.empty')}</Text>
        </Paper>
      ) : (
        <>
          <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {items.map((delivery) => (
              <DeliveryCard key={delivery.id} delivery={delivery} onOpen={() => setOpen(delivery)} />
            ))}
          </Stack>
          {deliveries.hasNextPage ? (
            <Group justify="center">
              <Button
                variant="light"
                loading={deliveries.isFetchingNextPage}
                onClick={() => void deliveries.fetchNextPage()}
              >
                {t('common.loadMore')}
              </Button>
            </Group>
          ) : null}
        </>
      )}
      <MessageViewer delivery={open} onClose={() => setOpen(null)} />
    </Stack>
  );
}

function DeliveryCard({ delivery, onOpen }: { delivery: Delivery; onOpen: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const subject = delivery.subject ?? t(`notifications.kind.${delivery.kind}`);
  return (
    <Paper withBorder radius="md" p="md" component="li" aria-label={subject}>
      <Group justify="space-between" align="start" gap="sm" wrap="nowrap">
        <Stack gap={4} miw={0} style={{ flex: 1 }}>
          <Group gap={6}>
            <Badge color={statusColour[delivery.status]} variant="light">
              {t(`notifications.status.${delivery.status}`)}
            </Badge>
            <Badge color="gray" variant="outline">
              {t(`notifications.kind.${delivery.kind}`)}
            </Badge>
          </Group>
          <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
            {subject}
          </Text>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {t('notifications.outbox.to', { recipient: delivery.recipient })}
          </Text>
          <Text size="xs" c="dimmed">
            {delivery.sentAt
              ? t('notifications.outbox.sentAt', { date: format.dateTime(new Date(delivery.sentAt)) })
              : t('notifications.outbox.createdAt', { date: format.dateTime(new Date(delivery.createdAt)) })}
            {delivery.attempts > 1
              ? ` · ${t('notifications.outbox.attempts', { count: delivery.attempts })}`
              : ''}
          </Text>
          {delivery.lastError && delivery.status !== 'sent' ? (
            <Text size="sm" c="red" style={{ overflowWrap: 'anywhere' }}>
              {t('notifications.outbox.lastError', { error: delivery.lastError })}
            </Text>
          ) : null}
        </Stack>
      </Group>
      {delivery.inOutbox ? (
        <Group mt="sm">
          <Button
            variant="light"
            onClick={onOpen}
            w={{ base: '100%', xs: 'auto' }}
            aria-label={t('notifications.outbox.openLabel', { subject })}
          >
            {t('notifications.outbox.open')}
          </Button>
        </Group>
      ) : null}
    </Paper>
  );
}
