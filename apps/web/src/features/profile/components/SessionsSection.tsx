import { Badge, Button, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../app/i18n/format';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { type SessionSummary, useEndOtherSessions, useEndSession, useSessions } from '../hooks/useSessions';

/** Where the member is signed in; they end a sign-in they do not recognise, or all but this one. */
export function SessionsSection() {
  const { t } = useTranslation();
  const sessions = useSessions();
  const endOne = useEndSession();
  const endOthers = useEndOtherSessions();
  const [notice, setNotice] = useState<string | null>(null);
  const others = sessions.data?.filter((session) => !session.current).length ?? 0;
  const failed = endOne.error ?? endOthers.error;

  return (
    <Paper
      withBorder
      radius="md"
      p={{ base: 'md', sm: 'lg' }}
      component="section"
      aria-labelledby="sessions-heading"
    >
      <Stack gap="md">
        <Group justify="space-between" align="start" gap="sm">
          <Stack gap={2} maw={560}>
            <Title order={2} fz="h3" id="sessions-heading">
              {t('sessions.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('sessions.intro')}
            </Text>
          </Stack>
          {others > 0 ? (
            <Button
              variant="light"
              color="red"
              loading={endOthers.isPending}
              w={{ base: '100%', xs: 'auto' }}
              onClick={() => {
                setNotice(null);
                endOne.reset();
                endOthers.mutate(undefined, {
                  onSuccess: (result) => setNotice(t('sessions.endedOthers', { count: result.ended })),
                });
              }}
            >
              {t('sessions.endOthers')}
            </Button>
          ) : null}
        </Group>
        {notice ? (
          <Text size="sm" c="teal" role="status">
            {notice}
          </Text>
        ) : null}
        {failed ? <ProblemAlert error={failed} title={t('sessions.endFailed')} /> : null}
        {sessions.isError ? (
          <ProblemAlert error={sessions.error} title={t('sessions.loadFailed')}>
            <Button variant="light" color="red" mt="sm" onClick={() => void sessions.refetch()}>
              {t('common.retry')}
            </Button>
          </ProblemAlert>
        ) : sessions.isPending ? (
          <Skeleton h={64} radius="md" role="status" aria-busy="true" aria-label={t('app.loading')} />
        ) : (
          <Stack
            gap="xs"
            component="ul"
            p={0}
            m={0}
            style={{ listStyle: 'none' }}
            aria-label={t('sessions.title')}
          >
            {sessions.data.map((session) => (
              <SessionRow
                key={session.id}
                session={session}
                ending={endOne.isPending && endOne.variables === session.id}
                onEnd={() => {
                  setNotice(null);
                  endOthers.reset();
                  endOne.mutate(session.id, { onSuccess: () => setNotice(t('sessions.ended')) });
                }}
              />
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

interface SessionRowProps {
  session: SessionSummary;
  ending: boolean;
  onEnd: () => void;
}

function SessionRow({ session, ending, onEnd }: SessionRowProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const browser = session.browser ?? t('sessions.unknownBrowser');
  const name = session.system ? t('sessions.browserOnSystem', { browser, system: session.system }) : browser;
  return (
    <Paper component="li" withBorder radius="md" p="sm" aria-label={name}>
      <Group justify="space-between" align="center" gap="sm" wrap="wrap">
        <Stack gap={2} style={{ minWidth: 0, flex: '1 1 220px' }}>
          <Group gap="xs" wrap="wrap">
            <Text fw={600}>{name}</Text>
            {session.current ? (
              <Badge color="teal" variant="light">
                {t('sessions.current')}
              </Badge>
            ) : null}
          </Group>
          <Text size="sm" c="dimmed">
            {t('sessions.started', { date: format.dateTime(new Date(session.createdAt)) })}
            {' · '}
            {t('sessions.lastUsed', { date: format.dateTime(new Date(session.lastUsedAt)) })}
          </Text>
        </Stack>
        {session.current ? null : (
          <Button
            variant="default"
            size="sm"
            loading={ending}
            onClick={onEnd}
            aria-label={t('sessions.endNamed', { name })}
            w={{ base: '100%', xs: 'auto' }}
          >
            {t('sessions.end')}
          </Button>
        )}
      </Group>
    </Paper>
  );
}
