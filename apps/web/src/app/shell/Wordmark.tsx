import { Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The product mark: three people side by side (a heimo is a tribe) and the name. */
export function Wordmark() {
  const { t } = useTranslation();
  return (
    <Group gap={8} wrap="nowrap">
      <svg width="28" height="28" viewBox="0 0 28 28" aria-hidden focusable="false">
        <circle cx="7" cy="15" r="5" fill="var(--mantine-color-indigo-3)" />
        <circle cx="21" cy="15" r="5" fill="var(--mantine-color-indigo-5)" />
        <circle cx="14" cy="11" r="6" fill="var(--mantine-color-indigo-7)" />
      </svg>
      <Text component="span" fw={800} fz="xl" lh={1} c="indigo.9">
        {t('app.name')}
      </Text>
    </Group>
  );
}
