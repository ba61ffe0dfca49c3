import { Group, Paper, Stack, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SetPackField } from '../../hooks/usePackEditorForm';
import type { Pack } from '../../types';
import type { PackForm } from '../packForm';

interface ScheduleSectionProps {
  form: PackForm;
  /** The pack as saved, null for a new pack: a published pack keeps its publishing time. */
  pack: Pack | null;
  disabled: boolean;
  set: SetPackField;
}

/** When the pack is published and when it expires. */
export function ScheduleSection({ form, pack, disabled, set }: ScheduleSectionProps) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        <Title order={2} fz="h4">
          {t('studio.schedule.heading')}
        </Title>
        <Group grow wrap="wrap" align="flex-start">
          <TextInput
            type="datetime-local"
            step={1}
            label={t('studio.schedule.publishAt')}
            value={form.publishAt}
            disabled={pack?.status === 'published' || disabled}
            onChange={(event) => set('publishAt', event.currentTarget.value)}
            miw={200}
          />
          <TextInput
            type="datetime-local"
            step={1}
            label={t('studio.schedule.expireAt')}
            value={form.expireAt}
            disabled={disabled}
            onChange={(event) => set('expireAt', event.currentTarget.value)}
            miw={200}
          />
        </Group>
      </Stack>
    </Paper>
  );
}
