import { Group, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePercent } from '../../training/components/usePercent';
import type { ComplianceGroup } from '../types';

/** "12 of 15 may share" with a bar; no bar where there is nobody to count. */
export function ReadyMeter({ group, label }: { group: ComplianceGroup; label: string }) {
  const { t } = useTranslation();
  const percent = usePercent();
  const share = group.total === 0 ? 0 : Math.round((group.ready / group.total) * 100);
  return (
    <Stack gap={6}>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="sm">{t('compliance.readyOf', { ready: group.ready, total: group.total })}</Text>
        <Text size="sm" fw={600}>
          {group.total === 0 ? '–' : percent(share)}
        </Text>
      </Group>
      {group.total === 0 ? null : (
        <Progress
          value={share}
          color={share === 100 ? 'teal' : share >= 50 ? 'indigo' : 'orange'}
          size="md"
          radius="xl"
          aria-label={label}
        />
      )}
    </Stack>
  );
}
