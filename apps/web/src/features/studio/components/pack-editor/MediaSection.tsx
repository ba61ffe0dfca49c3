import type { PackField } from '@heimo/domain';
import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MediaAsset } from '../../hooks/uploadMedia';
import type { SetPackField } from '../../hooks/usePackEditorForm';
import { MediaList } from '../MediaList';
import { MediaUpload } from '../MediaUpload';
import type { PackForm } from '../packForm';

interface MediaSectionProps {
  form: PackForm;
  /** Whether the pack's state keeps this field from changing (the domain's editable-fields rule). */
  locked: (field: PackField) => boolean;
  set: SetPackField;
  onUploaded: (asset: MediaAsset) => void;
}

/** The pack's own media, used by every variant that has none of its own. */
export function MediaSection({ form, locked, set, onUploaded }: MediaSectionProps) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        <Title order={2} fz="h4">
          {t('studio.media.heading')}
        </Title>
        <Text size="sm">{t('studio.media.count', { count: form.mediaIds.length })}</Text>
        <MediaList ids={form.mediaIds} locked={locked('mediaIds')} />
        <MediaUpload
          label={t('studio.media.uploadPack')}
          disabled={locked('mediaIds')}
          onUploaded={(asset) => {
            onUploaded(asset);
            set('mediaIds', [...form.mediaIds, asset.id]);
          }}
        />
        {form.mediaIds.length > 0 ? (
          <Group>
            <Button
              variant="subtle"
              color="red"
              disabled={locked('mediaIds')}
              onClick={() => set('mediaIds', [])}
            >
              {t('studio.media.clear')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Paper>
  );
}
