import { Switch, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SetPackField } from '../../hooks/usePackEditorForm';
import type { PackForm } from '../packForm';

interface DetailsSectionProps {
  form: PackForm;
  hashtagText: string;
  disabled: boolean;
  set: SetPackField;
  onHashtagsChange: (text: string) => void;
}

/** Title, summary, link, hashtags and whether advocates may edit the caption. */
export function DetailsSection({ form, hashtagText, disabled, set, onHashtagsChange }: DetailsSectionProps) {
  const { t } = useTranslation();
  return (
    <>
      <TextInput
        label={t('studio.fields.title')}
        required
        value={form.title}
        disabled={disabled}
        onChange={(event) => set('title', event.currentTarget.value)}
      />
      <Textarea
        label={t('studio.fields.summary')}
        autosize
        minRows={2}
        value={form.summary}
        disabled={disabled}
        onChange={(event) => set('summary', event.currentTarget.value)}
      />
      <TextInput
        label={t('studio.fields.destinationUrl')}
        type="url"
        placeholder="https://"
        value={form.destinationUrl}
        disabled={disabled}
        onChange={(event) => set('destinationUrl', event.currentTarget.value)}
      />
      <TextInput
        label={t('studio.fields.hashtags')}
        description={t('studio.fields.hashtagsHint')}
        value={hashtagText}
        disabled={disabled}
        onChange={(event) => onHashtagsChange(event.currentTarget.value)}
      />
      <Switch
        label={t('studio.fields.allowCaptionEdit')}
        checked={form.allowCaptionEdit}
        disabled={disabled}
        onChange={(event) => set('allowCaptionEdit', event.currentTarget.checked)}
      />
    </>
  );
}
