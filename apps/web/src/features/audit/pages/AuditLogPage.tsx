import { Button, Group, Paper, Select, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { AUDIT_ACTIONS, isAuditAction, type AuditAction as DomainAuditAction } from '@heimo/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditAction, AuditEvent } from '../../../api/types';
import { useFormat } from '../../../app/i18n/format';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { useAuditEvents } from '../hooks/useAuditEvents';

// The list comes from the domain library; the compiler checks it against the API's enum both ways.
type UnknownToApi = Exclude<DomainAuditAction, AuditAction>;
type MissingAction = Exclude<AuditAction, DomainAuditAction>;
const sameActionsAsApi: [UnknownToApi, MissingAction] extends [never, never] ? true : false = true;
void sameActionsAsApi;

export function AuditLogPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('app.documentTitle', { page: t('audit.title') }));
  const [action, setAction] = useState<AuditAction | null>(null);
  const events = useAuditEvents(action);
  const items = events.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="lg" maw={1200}>
      <Stack gap={4}>
        <Title order={1} fz={{ base: 'h2', sm: 'h1' }}>
          {t('audit.title')}
        </Title>
        <Text c="dimmed">{t('audit.intro')}</Text>
      </Stack>
      <Select
        label={t('audit.action')}
        placeholder={t('audit.allActions')}
        clearable
        maw={360}
        value={action}
        onChange={(value) => setAction(isAuditAction(value) ? value : null)}
        data={AUDIT_ACTIONS.map((value) => ({ value, label: t(`audit.actions.${value}`) }))}
      />
      {events.isError ? (
        <ProblemAlert error={events.error} title={t('audit.loadFailed')}>
          <Button variant="light" color="red" mt="sm" onClick={() => void events.refetch()}>
            {t('common.retry')}
          </Button>
        </ProblemAlert>
      ) : events.isPending ? (
        <Stack gap="xs" aria-busy="true" aria-label={t('app.loading')}>
          {[0, 1, 2, 3, 4].map((row) => (
            <Skeleton key={row} h={44} radius="md" />
          ))}
        </Stack>
      ) : items.length === 0 ? (
        <Paper withBorder p="xl" radius="md" ta="center">
          <Text>{t('audit.empty')}</Text>
        </Paper>
      ) : (
        <>
          <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
            {/* Wide on a phone: the table scrolls inside its own box, never the page. */}
            <Table.ScrollContainer minWidth={760}>
              <Table verticalSpacing="sm" striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('audit.columns.when')}</Table.Th>
                    <Table.Th>{t('audit.columns.who')}</Table.Th>
                    <Table.Th>{t('audit.columns.action')}</Table.Th>
                    <Table.Th>{t('audit.columns.details')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((event) => (
                    <AuditRow key={event.id} event={event} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
          {events.hasNextPage ? (
            <Group justify="center">
              <Button
                variant="light"
                loading={events.isFetchingNextPage}
                onClick={() => void events.fetchNextPage()}
              >
                {t('common.loadMore')}
              </Button>
            </Group>
          ) : null}
        </>
      )}
    </Stack>
  );
}

function AuditRow({ event }: { event: AuditEvent }) {
  const { t } = useTranslation();
  const format = useFormat();
  const details = Object.entries(event.details)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' · ');
  return (
    <Table.Tr>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Text size="sm" component="time" dateTime={event.createdAt}>
          {format.dateTime(new Date(event.createdAt))}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{event.actorName ?? t('audit.system')}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" fw={600}>
          {t(`audit.actions.${event.action}`)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="xs" c="dimmed" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
          {details}
        </Text>
        {event.requestId ? (
          <Text size="xs" c="dimmed">
            {t('audit.request', { requestId: event.requestId })}
          </Text>
        ) : null}
      </Table.Td>
    </Table.Tr>
  );
}
