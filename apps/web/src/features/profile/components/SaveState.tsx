import { Group, Loader, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** "Saving…" while a choice is being saved, then "Saved": the profile's sections save on change. */
export function SaveState({ pending, saved }: { pending: boolean; saved: boolean }) {
  const { t } = useTranslation();
  return (
    <Group gap={6} role="status" aria-live="polite" mih={24}>
      {pending ? (
        <>
          <Loader size="xs" />
          <Text size="sm" c="dimmed">
            {t('notifications.preferences.saving')}
          </Text>
        </>
      ) : saved ? (
        <Text size="sm" c="teal" fw={500}>
          {t('notifications.preferences.saved')}
        </Text>
      ) : null}
    </Group>
  );
}
