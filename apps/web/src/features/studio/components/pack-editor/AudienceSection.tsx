import type { PackField } from '@heimo/domain';
import { MultiSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useTeams } from '../../../teams/hooks/useTeams';
import type { SetPackField } from '../../hooks/usePackEditorForm';
import type { PackFieldErrorOf } from '../../hooks/usePackFieldErrors';
import { LOCALES, MEMBER_KINDS, type Locale, type PackForm } from '../packForm';

interface AudienceSectionProps {
  form: PackForm;
  /** Whether the pack's state keeps this field from changing (the domain's editable-fields rule). */
  locked: (field: PackField) => boolean;
  set: SetPackField;
  /** The last save's error for a field, in words about it. */
  errorOf: PackFieldErrorOf;
}

/** Who sees the pack: member kinds, languages and teams. */
export function AudienceSection({ form, locked, set, errorOf }: AudienceSectionProps) {
  const { t } = useTranslation();
  const teams = useTeams();
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        <Title order={2} fz="h4">
          {t('studio.audience.heading')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('studio.audience.hint')}
        </Text>
        <MultiSelect
          label={t('studio.audience.kinds')}
          required
          data={MEMBER_KINDS.map((kind) => ({ value: kind, label: t(`studio.kinds.${kind}`) }))}
          value={form.audienceKinds}
          readOnly={locked('audienceKinds')}
          error={errorOf('audienceKinds')}
          onChange={(value) => set('audienceKinds', value as PackForm['audienceKinds'])}
        />
        <MultiSelect
          label={t('studio.audience.locales')}
          data={LOCALES.map((locale) => ({ value: locale, label: t(`studio.locales.${locale}`) }))}
          value={form.audienceLocales}
          readOnly={locked('audienceLocales')}
          error={errorOf('audienceLocales')}
          onChange={(value) => set('audienceLocales', value as Locale[])}
        />
        <MultiSelect
          label={t('studio.audience.teams')}
          data={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
          value={form.audienceTeamIds}
          readOnly={locked('audienceTeamIds')}
          error={errorOf('audienceTeamIds')}
          searchable
          onChange={(value) => set('audienceTeamIds', value)}
        />
      </Stack>
    </Paper>
  );
}
