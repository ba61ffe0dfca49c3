import { Button, Group, Paper, Select, Skeleton, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useDocumentTitle, useMediaQuery } from '@mantine/hooks';
import { AUDIT_ACTIONS, isAuditAction, type AuditAction as DomainAuditAction } from '@heimo/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditAction, AuditEvent } from '../../../api/types';
import { useFormat } from '../../../app/i18n/format';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { detailWords, partyName, subjectWords } from '../auditWords';
import { ActorPicker, type Actor } from '../components/ActorPicker';
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
  const [actor, setActor] = useState<Actor | null>(null);
  const [includeSignIns, setIncludeSignIns] = useState(false);
  const events = useAuditEvents({ action, actorId: actor?.id ?? null, includeSignIns });
  const phone = useMediaQuery('(max-width: 47.99em)');
  const items = events.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="lg" maw={1200}>
      <Stack gap={4}>
        <Title order={1} fz={{ base: 'h2', sm: 'h1' }}>
          {t('audit.title')}
        </Title>
        <Text c="dimmed">{t('audit.intro')}</Text>
      </Stack>
      <Group align="flex-end" gap="lg" component="search">
        <ActorPicker value={actor} onChange={setActor} />
        <Select
          label={t('audit.action')}
          placeholder={t('audit.allActions')}
          clearable
          w={360}
          maw="100%"
          value={action}
          onChange={(value) => setAction(isAuditAction(value) ? value : null)}
          data={AUDIT_ACTIONS.map((value) => ({ value, label: t(`audit.actions.${value}`) }))}
        />
        <Switch
          size="md"
          label={t('audit.includeSignIns')}
          checked={includeSignIns}
          onChange={(event) => setIncludeSignIns(event.currentTarget.checked)}
          styles={{ body: { alignItems: 'center', minHeight: 44 }, label: { cursor: 'pointer' } }}
        />
      </Group>
      {events.isError ? (
        <ProblemAlert error={events.error} title={t('audit.loadFailed')}>
          <Button variant="light" color="red" mt="sm" onClick={() => void events.refetch()}>
            {t('common.retry')}
          </Button>
        </ProblemAlert>
      ) : events.isPending ? (
        <Stack gap="xs" role="status" aria-busy="true" aria-label={t('app.loading')}>
          {[0, 1, 2, 3, 4].map((row) => (
            <Skeleton key={row} h={44} radius="md" />
          ))}
        </Stack>
      ) : items.length === 0 ? (
        <Paper withBorder p="xl" radius="md" ta="center">
          <Text>{action || actor ? t('audit.emptyFiltered') : t('audit.empty')}</Text>
        </Paper>
      ) : (
        <>
          {phone ? (
            <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
              {items.map((event) => (
                <AuditCard key={event.id} event={event} />
              ))}
            </Stack>
          ) : (
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
          )}
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

/** An event in the reader's words: whom it concerns (with their e-mail while they are not erased) and its details. */
function useEventWords(event: AuditEvent) {
  const { t } = useTranslation();
  const format = useFormat();
  return {
    t,
    format,
    subject: subjectWords(t, event),
    subjectEmail: event.subject?.type === 'member' && !event.subject.erased ? event.subject.email : null,
    details: detailWords(t, format, event),
  };
}

function AuditRow({ event }: { event: AuditEvent }) {
  const { t, format, subject, subjectEmail, details } = useEventWords(event);
  return (
    <Table.Tr>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Text size="sm" component="time" dateTime={event.createdAt}>
          {format.dateTime(new Date(event.createdAt))}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" fs={event.actor?.erased ? 'italic' : undefined}>
          {partyName(t, event.actor)}
        </Text>
        {event.actor?.email && !event.actor.erased ? (
          <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {event.actor.email}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>
        <Text size="sm" fw={600}>
          {t(`audit.actions.${event.action}`)}
        </Text>
        {subject ? (
          <Text size="sm" fs={event.subject?.erased ? 'italic' : undefined}>
            {subject}
          </Text>
        ) : null}
        {subjectEmail ? (
          <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {subjectEmail}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>
        {details.length ? (
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {details.join(' · ')}
          </Text>
        ) : null}
        {event.requestId ? (
          <Text size="xs" c="dimmed" ff="monospace">
            {t('audit.request', { requestId: event.requestId })}
          </Text>
        ) : null}
      </Table.Td>
    </Table.Tr>
  );
}

/** On a phone, each event is a card: what was done to whom, by whom and when, then the details. */
function AuditCard({ event }: { event: AuditEvent }) {
  const { t, format, subject, subjectEmail, details } = useEventWords(event);
  return (
    <Paper component="li" withBorder radius="md" p="md">
      <Stack gap={4}>
        <Text size="xs" c="dimmed" component="time" dateTime={event.createdAt}>
          {format.dateTime(new Date(event.createdAt))}
        </Text>
        <Text size="sm" fw={600}>
          {t(`audit.actions.${event.action}`)}
        </Text>
        {subject ? (
          <Text
            size="sm"
            fs={event.subject?.erased ? 'italic' : undefined}
            style={{ overflowWrap: 'anywhere' }}
          >
            {subject}
            {subjectEmail ? (
              <Text span size="xs" c="dimmed">
                {' · '}
                {subjectEmail}
              </Text>
            ) : null}
          </Text>
        ) : null}
        {details.length ? (
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {details.join(' · ')}
          </Text>
        ) : null}
        <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {event.actor?.email && !event.actor.erased
            ? t('audit.byEmail', { name: partyName(t, event.actor), email: event.actor.email })
            : t('audit.by', { name: partyName(t, event.actor) })}
        </Text>
        {event.requestId ? (
          <Text size="xs" c="dimmed" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
            {t('audit.request', { requestId: event.requestId })}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}
