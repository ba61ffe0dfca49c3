import { Alert, FileButton, Button, Group, Progress, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProblemMessage } from '../../../app/i18n/useProblemMessage';
import { uploadMedia, type MediaAsset } from '../hooks/uploadMedia';

/** Picks an image or video and uploads it with a progress bar; the asset goes to `onUploaded`. */
export function MediaUpload({
  label,
  disabled,
  onUploaded,
}: {
  label: string;
  disabled: boolean;
  onUploaded: (asset: MediaAsset) => void;
}) {
  const { t } = useTranslation();
  const { describe } = useProblemMessage();
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);

  const upload = (file: File | null) => {
    if (!file) return;
    setError(null);
    setProgress(0);
    uploadMedia(file, setProgress).then(
      (asset) => {
        setProgress(null);
        onUploaded(asset);
      },
      (cause: unknown) => {
        setProgress(null);
        setError(cause);
      },
    );
  };

  return (
    <Stack gap={6}>
      <Group>
        <FileButton onChange={upload} accept="image/*,video/*" disabled={disabled || progress !== null}>
          {(props) => (
            <Button
              {...props}
              variant="light"
              w={{ base: '100%', xs: 'auto' }}
              styles={{ label: { whiteSpace: 'normal' } }}
            >
              {label}
            </Button>
          )}
        </FileButton>
      </Group>
      {progress !== null ? (
        <Progress value={Math.round(progress * 100)} aria-label={t('studio.media.uploading')} animated />
      ) : null}
      {error ? (
        <Alert color="red" variant="light" role="alert">
          <Text size="sm">{describe(error).message}</Text>
        </Alert>
      ) : null}
    </Stack>
  );
}
