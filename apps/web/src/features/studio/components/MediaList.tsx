import { MAX_ALT_TEXT_LENGTH, needsAltText, normaliseAltText } from '@heimo/domain';
import { Alert, Box, Button, Group, Image, Paper, Skeleton, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { useProblemMessage } from '../../../app/i18n/useProblemMessage';
import type { MediaAsset } from '../hooks/uploadMedia';
import { useMediaAssets } from '../hooks/useSharingRules';

/** Says of a picture (by its file name) that it has no description yet. */
type Undescribed = (name: string) => string;

/** The alt text of a picture: its description, else says it has none yet (never empty: it is content). */
export function pictureAlt(asset: MediaAsset, undescribed: Undescribed): string {
  return asset.altText || undescribed(asset.originalName);
}

/** The alt text of the first image among `ids`, for a preview that shows it; '' when none is loaded. */
export function firstImageAlt(
  ids: readonly string[],
  assets: Readonly<Record<string, MediaAsset>>,
  undescribed: Undescribed,
): string {
  const image = ids.map((id) => assets[id]).find((asset) => asset?.kind === 'image');
  return image ? pictureAlt(image, undescribed) : '';
}

interface MediaListProps {
  /** The attached media, in order. */
  ids: readonly string[];
  /** Whether the pack's state keeps these media from changing: descriptions are then read-only. */
  locked: boolean;
}

/**
 * The attached files as thumbnails, each image with its description (alternative text): what the
 * picture shows for people who cannot see it. A description is saved on its own (leaving the field
 * or its button); a pack goes to review only with every image described.
 */
export function MediaList({ ids, locked }: MediaListProps) {
  const { t } = useTranslation();
  const assets = useMediaAssets(ids);
  if (ids.length === 0) return null;
  return (
    <Stack
      gap="xs"
      component="ul"
      aria-label={t('studio.media.list')}
      style={{ listStyle: 'none' }}
      p={0}
      m={0}
    >
      {ids.map((id) => {
        const asset = assets[id];
        return (
          <Box component="li" key={id}>
            {asset ? (
              <MediaItem asset={asset} locked={locked} />
            ) : (
              <Skeleton h={80} radius="sm" aria-label={t('studio.media.loading')} />
            )}
          </Box>
        );
      })}
    </Stack>
  );
}

function MediaItem({ asset, locked }: { asset: MediaAsset; locked: boolean }) {
  const { t } = useTranslation();
  const { describe } = useProblemMessage();
  const queryClient = useQueryClient();
  const [text, setText] = useState(asset.altText);
  const checked = normaliseAltText(text);
  const dirty = checked.ok && checked.text !== asset.altText;
  const save = useMutation({
    mutationFn: (altText: string): Promise<MediaAsset> =>
      unwrap(
        api.PATCH('/api/media/{mediaId}', { params: { path: { mediaId: asset.id } }, body: { altText } }),
      ),
    onSuccess: (saved) => {
      queryClient.setQueryData(['media', saved.id], saved);
      setText(saved.altText);
    },
  });
  const store = () => {
    if (dirty && !save.isPending) save.mutate(checked.text);
  };
  const image = asset.kind === 'image';
  const missing = needsAltText({ kind: asset.kind, altText: asset.altText }) && !dirty;
  const fieldId = `alt-${asset.id}`;
  const length = [...text.trim()].length;

  return (
    <Paper withBorder radius="sm" p="xs">
      <Stack gap={6}>
        <Group align="center" wrap="nowrap" gap="sm">
          {image ? (
            <Image
              src={asset.url}
              alt={pictureAlt(asset, (name) => t('studio.media.undescribedAlt', { name }))}
              w={96}
              h={96}
              radius="sm"
              fit="cover"
              style={{ flex: 'none' }}
              data-testid="media-thumbnail"
            />
          ) : (
            <Box
              w={96}
              h={96}
              bg="gray.1"
              style={{ flex: 'none', display: 'grid', placeItems: 'center', borderRadius: 4 }}
            >
              <Text size="xs" fw={700} c="dimmed">
                {t('studio.media.video')}
              </Text>
            </Box>
          )}
          <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere', minWidth: 0 }}>
            {asset.originalName}
            {asset.width && asset.height ? ` · ${asset.width}×${asset.height}` : ''}
          </Text>
        </Group>
        <Textarea
          id={fieldId}
          label={t('studio.media.altLabel')}
          description={image ? t('studio.media.altHint') : t('studio.media.altHintVideo')}
          value={text}
          readOnly={locked}
          autosize
          minRows={2}
          maxRows={6}
          onChange={(event) => setText(event.currentTarget.value)}
          onBlur={store}
          error={
            !checked.ok
              ? t('studio.media.altTooLong', { max: MAX_ALT_TEXT_LENGTH })
              : missing && !locked
                ? t('studio.media.altMissing')
                : undefined
          }
        />
        <Group gap="xs" justify="space-between" wrap="wrap">
          <Text size="xs" c={checked.ok ? 'dimmed' : 'red'}>
            {t('studio.media.altCount', { count: length, max: MAX_ALT_TEXT_LENGTH })}
          </Text>
          {!locked && dirty ? (
            <Button size="xs" variant="light" mih={44} onClick={store} loading={save.isPending}>
              {t('studio.media.altSave')}
            </Button>
          ) : null}
        </Group>
        <Text size="xs" role="status" c={save.isError ? 'red' : 'teal'}>
          {save.isPending
            ? t('studio.media.altSaving')
            : save.isSuccess && !dirty
              ? t('studio.media.altSaved')
              : ''}
        </Text>
        {save.isError ? (
          <Alert color="red" variant="light" role="alert" p="xs">
            <Text size="sm">
              {t('studio.media.altFailed')}: {describe(save.error).message}
            </Text>
          </Alert>
        ) : null}
      </Stack>
    </Paper>
  );
}
