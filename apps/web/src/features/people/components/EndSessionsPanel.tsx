import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../../api/types';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { useEndPersonSessions } from '../hooks/useEndPersonSessions';

/** Signs a person out everywhere (a lost phone, a shared computer); they can sign in again. */
export function EndSessionsPanel({ person }: { person: Person }) {
  const { t } = useTranslation();
  const end = useEndPersonSessions();
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="end-sessions-heading" mt="lg">
      <Stack gap="xs">
        <Text fw={600} id="end-sessions-heading">
          {t('people.sessions.title')}
        </Text>
        <Text size="sm" c="dimmed">
          {t('people.sessions.intro')}
        </Text>
        {end.isError ? <ProblemAlert error={end.error} title={t('people.sessions.failed')} /> : null}
        {end.isSuccess ? (
          <Text size="sm" c="teal" role="status">
            {t('people.sessions.ended', { count: end.data.ended })}
          </Text>
        ) : null}
        <Group>
          <Button
            variant="light"
            color="red"
            loading={end.isPending}
            onClick={() => end.mutate(person.id)}
            w={{ base: '100%', xs: 'auto' }}
          >
            {t('people.sessions.end')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
