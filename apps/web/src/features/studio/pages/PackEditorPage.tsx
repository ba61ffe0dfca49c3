import { Button, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { NotAllowedPage } from '../../../app/shell/NotAllowedPage';
import { NotFoundPage } from '../../../app/shell/NotFoundPage';
import { pageProblemOf } from '../../../app/shell/pageProblem';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { ActionsSection } from '../components/pack-editor/ActionsSection';
import { AudienceSection } from '../components/pack-editor/AudienceSection';
import { DetailsSection } from '../components/pack-editor/DetailsSection';
import { EditingNotice } from '../components/pack-editor/EditingNotice';
import { HistorySection } from '../components/pack-editor/HistorySection';
import { LinkPreviewSection } from '../components/pack-editor/LinkPreviewSection';
import { MediaSection } from '../components/pack-editor/MediaSection';
import { SaveSection } from '../components/pack-editor/SaveSection';
import { ScheduleSection } from '../components/pack-editor/ScheduleSection';
import { VariantsSection } from '../components/pack-editor/VariantsSection';
import { PackStatusBadge } from '../components/PackStatusBadge';
import { useLinkPreview } from '../hooks/useLinkPreview';
import { usePackEditorForm } from '../hooks/usePackEditorForm';
import { usePack } from '../hooks/usePacks';
import type { Pack } from '../types';

/** `/studio/packs/new` and `/studio/packs/:packId`: the pack editor, its actions and its history. */
export function PackEditorPage() {
  const { t } = useTranslation();
  const { packId } = useParams();
  const pack = usePack(packId);
  // An unknown or malformed id in the address is a page that is not there; the error page names itself.
  const problem = pack.isError ? pageProblemOf(pack.error, 'packId') : null;
  useDocumentTitle(problem ? '' : t('app.documentTitle', { page: pack.data?.title ?? t('studio.newPack') }));

  if (!packId) return <PackEditor key="new" pack={null} onReload={() => undefined} />;
  if (problem === 'notFound') return <NotFoundPage />;
  if (problem === 'notAllowed') return <NotAllowedPage />;
  if (pack.isError) {
    return (
      <Stack gap="md" maw={960}>
        <Text component={Link} to="/studio" size="sm" c="dimmed">
          ← {t('studio.backToList')}
        </Text>
        <ProblemAlert error={pack.error} title={t('studio.loadPackFailed')}>
          <Button variant="light" color="red" mt="sm" onClick={() => void pack.refetch()}>
            {t('common.retry')}
          </Button>
        </ProblemAlert>
      </Stack>
    );
  }
  if (pack.isPending)
    return <Skeleton h={400} radius="md" role="status" aria-busy="true" aria-label={t('app.loading')} />;
  return (
    <PackEditor
      key={pack.data.id}
      pack={pack.data}
      onReload={async () => (await pack.refetch()).data ?? null}
    />
  );
}

function PackEditor({ pack, onReload }: { pack: Pack | null; onReload: () => Promise<Pack | null> | void }) {
  const { t } = useTranslation();
  const editor = usePackEditorForm(pack, onReload);
  const { form, set, locked } = editor;
  const linkPreview = useLinkPreview();

  return (
    <Stack gap="lg" maw={960}>
      <Stack gap={4}>
        <Text component={Link} to="/studio" size="sm" c="dimmed">
          ← {t('studio.backToList')}
        </Text>
        <Group gap="sm" align="center">
          <Title order={1} fz={{ base: 'h2', sm: 'h1' }} style={{ overflowWrap: 'anywhere' }}>
            {pack ? pack.title : t('studio.newPack')}
          </Title>
          {pack ? <PackStatusBadge status={pack.status} /> : null}
        </Group>
      </Stack>

      {pack ? (
        <ActionsSection pack={pack} transition={editor.transition} runTransition={editor.runTransition} />
      ) : null}

      {pack ? <EditingNotice note={editor.editingNote} state={pack.status} /> : null}

      <form onSubmit={editor.submit} noValidate>
        <Stack gap="md">
          <DetailsSection
            errorOf={editor.errorOf}
            form={form}
            hashtagText={editor.hashtagText}
            locked={locked}
            set={set}
            onHashtagsChange={editor.setHashtags}
            onLinkPasted={(url) => linkPreview.mutate(url)}
          />
          <LinkPreviewSection
            form={form}
            locked={locked}
            set={set}
            preview={linkPreview}
            onImported={editor.rememberAsset}
          />
          <AudienceSection form={form} locked={locked} set={set} errorOf={editor.errorOf} />
          <ScheduleSection form={form} locked={locked} set={set} errorOf={editor.errorOf} />
          <MediaSection form={form} locked={locked} set={set} onUploaded={editor.rememberAsset} />
          <VariantsSection
            form={form}
            pack={pack}
            locked={locked}
            variants={editor.variants}
            checks={editor.checks}
            rules={editor.rules}
            imageUrlOf={editor.imageUrlOf}
            onUploaded={editor.rememberAsset}
          />
          <SaveSection
            form={form}
            save={editor.save}
            stale={editor.stale}
            saved={editor.saved}
            merged={editor.merged}
            fieldErrors={editor.fieldErrors}
            fieldWords={editor.fieldWords}
            describeFieldError={editor.describeFieldError}
            backToReview={editor.backToReview}
            checks={editor.checks}
            reload={editor.reload}
            disabled={editor.disabled}
            isSaved={pack !== null}
          />
        </Stack>
      </form>

      {pack ? <HistorySection pack={pack} /> : null}
    </Stack>
  );
}
