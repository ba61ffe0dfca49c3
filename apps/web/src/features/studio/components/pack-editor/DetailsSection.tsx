import type { PackField } from '@heimo/domain';
import { Switch, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SetPackField } from '../../hooks/usePackEditorForm';
import type { PackFieldErrorOf } from '../../hooks/usePackFieldErrors';
import type { PackForm } from '../packForm';

interface DetailsSectionProps {
  form: PackForm;
  hashtagText: string;
  /** Whether the pack's state keeps this field from changing (the domain's editable-fields rule). */
  locked: (field: PackField) => boolean;
  set: SetPackField;
  onHashtagsChange: (text: string) => void;
  /** The last save's error for a field, in words about it. */
  errorOf: PackFieldErrorOf;
  /** A link pasted into the destination field (to read its preview). */
  onLinkPasted?: (url: string) => void;
}

/** Title, summary, link, hashtags and whether advocates may edit the caption. */
export function DetailsSection(props: DetailsSectionProps) {
  const { form, hashtagText, locked, set, onHashtagsChange, errorOf, onLinkPasted } = props;
  const { t } = useTranslation();
  return (
    <>
      <TextInput
        label={t('studio.fields.title')}
        required
        value={form.title}
        readOnly={locked('title')}
        error={errorOf('title')}
        onChange={(event) => set('title', event.currentTarget.value)}
      />
      <Textarea
        label={t('studio.fields.summary')}
        autosize
        minRows={2}
        value={form.summary}
        readOnly={locked('summary')}
        error={errorOf('summary')}
        onChange={(event) => set('summary', event.currentTarget.value)}
      />
      <TextInput
        label={t('studio.fields.destinationUrl')}
        type="url"
        placeholder="https://"
        value={form.destinationUrl}
        readOnly={locked('destinationUrl')}
        error={errorOf('destinationUrl')}
        onChange={(event) => set('destinationUrl', event.currentTarget.value)}
        onPaste={(event) => {
          const pasted = event.clipboardData.getData('text').trim();
          // Only a web address is read: other pasted text is left for the field's own check.
          if (/^https?:\/\/\S+$/i.test(pasted) && !locked('destinationUrl')) onLinkPasted?.(pasted);
        }}
      />
      <TextInput
        label={t('studio.fields.hashtags')}
        description={t('studio.fields.hashtagsHint')}
        value={hashtagText}
        readOnly={locked('hashtags')}
        error={errorOf('hashtags')}
        onChange={(event) => onHashtagsChange(event.currentTarget.value)}
      />
      <Switch
        label={t('studio.fields.allowCaptionEdit')}
        checked={form.allowCaptionEdit}
        disabled={locked('allowCaptionEdit')}
        onChange={(event) => set('allowCaptionEdit', event.currentTarget.checked)}
      />
    </>
  );
}
