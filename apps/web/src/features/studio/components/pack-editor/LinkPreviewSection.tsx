import type { PackField } from '@heimo/domain';
import { Alert, Button, Group, Loader, Paper, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import i18n from 'i18next';
import { useTranslation } from 'react-i18next';
import { useProblemMessage } from '../../../../app/i18n/useProblemMessage';
import { addLazyMessages } from '../../../../app/i18n/resources';
import { ApiProblem } from '../../../../api/problem';
import type { MediaAsset } from '../../hooks/uploadMedia';
import type { SetPackField } from '../../hooks/usePackEditorForm';
import { useImportLinkImage, type useLinkPreview } from '../../hooks/useLinkPreview';
import en from '../../locales/linkPreview.en.json';
import fi from '../../locales/linkPreview.fi.json';
import type { PackForm } from '../packForm';

// Both languages carry the same keys (each assignment fails to compile otherwise).
const english: typeof fi = en;
const finnish: typeof en = fi;
addLazyMessages(i18n, 'linkPreview', { en: english, fi: finnish });

type LinkFailure = keyof typeof en.errors;
const LINK_FAILURES = Object.keys(en.errors) as LinkFailure[];

interface LinkPreviewSectionProps {
  form: PackForm;
  locked: (field: PackField) => boolean;
  set: SetPackField;
  preview: ReturnType<typeof useLinkPreview>;
  onImported: (asset: MediaAsset) => void;
}

/** The file name at the end of an address, to name a picture that is not shown until imported. */
function lastSegment(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '') || new URL(url).host;
  } catch {
    return url;
  }
}

/**
 * What the destination page says about itself, read by the API when a link is pasted (or on
 * request), offered for the pack's title and summary, and its picture imported as pack media. The
 * picture shows once imported: until then it is another site's, and the page loads only its own.
 */
export function LinkPreviewSection({ form, locked, set, preview, onImported }: LinkPreviewSectionProps) {
  const { t } = useTranslation();
  const { describe } = useProblemMessage();
  const importImage = useImportLinkImage();
  const data = preview.data;
  const url = form.destinationUrl.trim();

  const problemText = (error: unknown) => {
    const code = error instanceof ApiProblem ? error.code : '';
    const failure = code.startsWith('link_preview.') ? (code.slice(13) as LinkFailure) : null;
    return failure && LINK_FAILURES.includes(failure)
      ? t(`linkPreview.errors.${failure}`)
      : describe(error).message;
  };
  const read = () => {
    if (url) preview.mutate(url);
  };
  const addPicture = (imageUrl: string) =>
    importImage.mutate(imageUrl, {
      onSuccess: (asset) => {
        onImported(asset);
        set('mediaIds', [...form.mediaIds, asset.id]);
      },
    });
  const isEmpty = data && !data.title && !data.description && !data.imageUrl && !data.siteName;
  const hasPicture = importImage.data ? form.mediaIds.includes(importImage.data.id) : false;

  return (
    <Paper withBorder p="md" radius="md" aria-labelledby="link-preview-heading">
      <Stack gap="sm">
        <Title order={2} fz="h4" id="link-preview-heading">
          {t('linkPreview.heading')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('linkPreview.hint')}
        </Text>
        <Group>
          <Button
            variant="light"
            onClick={read}
            disabled={!url || preview.isPending}
            w={{ base: '100%', xs: 'auto' }}
          >
            {t('linkPreview.read')}
          </Button>
        </Group>
        <div aria-live="polite">
          {preview.isPending ? (
            <Group gap="xs" role="status">
              <Loader size="sm" />
              <Text size="sm">{t('linkPreview.reading')}</Text>
            </Group>
          ) : null}
          {preview.isError ? (
            <Alert color="red" variant="light" title={t('linkPreview.failed')}>
              <Text size="sm">{problemText(preview.error)}</Text>
            </Alert>
          ) : null}
          {isEmpty ? <Text size="sm">{t('linkPreview.empty')}</Text> : null}
        </div>
        {data && !isEmpty && !preview.isPending ? (
          <Paper withBorder p="sm" radius="sm" data-testid="link-preview">
            <Stack gap={6}>
              {data.siteName ? (
                <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
                  <VisuallyHidden>{t('linkPreview.site')}: </VisuallyHidden>
                  {data.siteName}
                </Text>
              ) : null}
              {data.title ? (
                <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                  {data.title}
                </Text>
              ) : null}
              {data.description ? (
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {data.description}
                </Text>
              ) : null}
              {data.canonicalUrl && data.canonicalUrl !== url ? (
                <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  {t('linkPreview.canonical')}: {data.canonicalUrl}
                </Text>
              ) : null}
              {data.imageUrl ? (
                <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  {t('linkPreview.picture')}: {lastSegment(data.imageUrl)}
                </Text>
              ) : null}
              <Group gap="xs" mt={4}>
                {data.title && data.description ? (
                  <Button
                    size="sm"
                    disabled={locked('title') || locked('summary')}
                    onClick={() => {
                      set('title', data.title ?? '');
                      set('summary', data.description ?? '');
                    }}
                  >
                    {t('linkPreview.useBoth')}
                  </Button>
                ) : null}
                {data.title ? (
                  <Button
                    size="sm"
                    variant="light"
                    disabled={locked('title')}
                    onClick={() => set('title', data.title ?? '')}
                  >
                    {t('linkPreview.useTitle')}
                  </Button>
                ) : null}
                {data.description ? (
                  <Button
                    size="sm"
                    variant="light"
                    disabled={locked('summary')}
                    onClick={() => set('summary', data.description ?? '')}
                  >
                    {t('linkPreview.useSummary')}
                  </Button>
                ) : null}
                {data.canonicalUrl && data.canonicalUrl !== url ? (
                  <Button
                    size="sm"
                    variant="light"
                    disabled={locked('destinationUrl')}
                    onClick={() => set('destinationUrl', data.canonicalUrl ?? url)}
                  >
                    {t('linkPreview.useCanonical')}
                  </Button>
                ) : null}
                {data.imageUrl ? (
                  <Button
                    size="sm"
                    variant="light"
                    loading={importImage.isPending}
                    disabled={locked('mediaIds') || hasPicture}
                    onClick={() => addPicture(data.imageUrl ?? '')}
                  >
                    {t('linkPreview.importImage')}
                  </Button>
                ) : null}
              </Group>
              <div aria-live="polite">
                {importImage.isPending ? <Text size="sm">{t('linkPreview.importing')}</Text> : null}
                {hasPicture ? (
                  <Text size="sm" c="teal.9">
                    {t('linkPreview.imported')}
                  </Text>
                ) : null}
                {importImage.isError ? (
                  <Alert color="red" variant="light" title={t('linkPreview.importFailed')}>
                    <Text size="sm">{problemText(importImage.error)}</Text>
                  </Alert>
                ) : null}
              </div>
            </Stack>
          </Paper>
        ) : null}
      </Stack>
    </Paper>
  );
}
