import { MultiSelect, Skeleton, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { useTrainingModules } from '../../compliance/hooks/useTrainingModules';

interface RequiredTrainingSectionProps {
  value: string[];
  onChange: (ids: string[]) => void;
  error: string | undefined;
}

/** The published modules every advocate must pass before sharing. */
export function RequiredTrainingSection({ value, onChange, error }: RequiredTrainingSectionProps) {
  const { t, i18n } = useTranslation();
  const modules = useTrainingModules();
  const language = i18n.resolvedLanguage === 'fi' ? 'fi' : 'en';
  if (modules.isError)
    return <ProblemAlert error={modules.error} title={t('settings.training.loadFailed')} />;
  if (modules.isPending) return <Skeleton h={60} radius="sm" role="status" aria-label={t('app.loading')} />;

  const published = modules.data.filter((module) => module.published !== null);
  const titleOf = (module: (typeof published)[number]) => {
    const title = module.published?.title ?? module.title;
    return title[language] ?? title.en ?? title.fi ?? t('settings.training.untitled');
  };
  const options = [
    ...published.map((module) => ({ value: module.id, label: titleOf(module) })),
    // A module required before and since unpublished or deleted stays listed, so it can be removed.
    ...value
      .filter((id) => !published.some((module) => module.id === id))
      .map((id) => ({ value: id, label: t('settings.training.unknown') })),
  ];
  return (
    <>
      <MultiSelect
        label={t('settings.training.label')}
        description={t('settings.training.hint')}
        placeholder={value.length === 0 ? t('settings.training.placeholder') : undefined}
        size="md"
        searchable
        clearable
        hidePickedOptions
        // The typing field fills the box, so a thumb anywhere in it opens the list.
        styles={{ inputField: { minHeight: 44 } }}
        value={value}
        onChange={onChange}
        data={options}
        error={error}
        nothingFoundMessage={t('settings.training.nothingFound')}
      />
      {published.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('settings.training.none')}
        </Text>
      ) : null}
    </>
  );
}
