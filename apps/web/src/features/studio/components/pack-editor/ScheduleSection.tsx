import type { PackField } from '@heimo/domain';
import { Group, Paper, Stack, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SetPackField } from '../../hooks/usePackEditorForm';
import type { PackFieldErrorOf } from '../../hooks/usePackFieldErrors';
import type { PackForm } from '../packForm';

interface ScheduleSectionProps {
  form: PackForm;
  /** Whether the pack's state keeps this field from changing (the domain's editable-fields rule). */
  locked: (field: PackField) => boolean;
  set: SetPackField;
  /** The last save's error for a field, in words about it. */
  errorOf: PackFieldErrorOf;
}

/** When the pack is published and when it expires. */
export function ScheduleSection({ form, locked, set, errorOf }: ScheduleSectionProps) {
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
            readOnly={locked('publishAt')}
            error={errorOf('publishAt')}
            onChange={(event) => set('publishAt', event.currentTarget.value)}
            miw={200}
          />
          <TextInput
            type="datetime-local"
            step={1}
            label={t('studio.schedule.expireAt')}
            value={form.expireAt}
            readOnly={locked('expireAt')}
            error={errorOf('expireAt')}
            onChange={(event) => set('expireAt', event.currentTarget.value)}
            miw={200}
          />
        </Group>
      </Stack>
    </Paper>
  );
}
