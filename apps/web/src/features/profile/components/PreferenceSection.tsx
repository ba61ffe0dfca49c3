import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { SaveState } from './SaveState';

interface PreferenceSectionProps {
  id: string;
  title: string;
  intro: string;
  /** The preference's query: an error replaces the controls with a retry. */
  load: { isError: boolean; error: unknown; refetch: () => unknown };
  loadFailed: string;
  /** The save's mutation: its state shows beside the heading, its error above the controls. */
  save: { isPending: boolean; isSuccess: boolean; isError: boolean; error: unknown };
  saveFailed: string;
  /** Shown while there is nothing to show yet. */
  skeleton: ReactNode;
  /** The controls; null while loading. */
  children: ReactNode | null;
}

/** A profile section of choices saved as soon as they are made (e-mails, leaderboards). */
export function PreferenceSection({
  id,
  title,
  intro,
  load,
  loadFailed,
  save,
  saveFailed,
  skeleton,
  children,
}: PreferenceSectionProps) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby={id}>
      <Stack gap="md">
        <Group justify="space-between" align="start" gap="xs">
          <Stack gap={2} maw={560}>
            <Title order={2} fz="h3" id={id}>
              {title}
            </Title>
            <Text size="sm" c="dimmed">
              {intro}
            </Text>
          </Stack>
          <SaveState pending={save.isPending} saved={save.isSuccess} />
        </Group>
        {load.isError ? (
          <ProblemAlert error={load.error} title={loadFailed}>
            <Button variant="light" color="red" mt="sm" onClick={() => void load.refetch()}>
              {t('common.retry')}
            </Button>
          </ProblemAlert>
        ) : children === null ? (
          skeleton
        ) : (
          <>
            {save.isError ? <ProblemAlert error={save.error} title={saveFailed} /> : null}
            {children}
          </>
        )}
      </Stack>
    </Paper>
  );
}
