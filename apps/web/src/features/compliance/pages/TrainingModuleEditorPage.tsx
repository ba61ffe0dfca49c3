import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Radio,
  SegmentedControl,
  SimpleGrid,
  Skeleton,
  Stack,
  Tabs,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { TRAINING_LIMITS, type TrainingContentError } from '@heimo/domain';
import { useDocumentTitle } from '@mantine/hooks';
import { useCallback, useDeferredValue, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiProblem } from '../../../api/problem';
import { useFormat } from '../../../app/i18n/format';
import { useProblemMessage } from '../../../app/i18n/useProblemMessage';
import { NotAllowedPage } from '../../../app/shell/NotAllowedPage';
import { NotFoundPage } from '../../../app/shell/NotFoundPage';
import { pageProblemOf } from '../../../app/shell/pageProblem';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { MarkdownBody } from '../../training/components/MarkdownBody';
import { useTeams } from '../../teams/hooks/useTeams';
import { ModulePreview } from '../components/module-editor/ModulePreview';
import {
  contentOf,
  emptyForm,
  formErrors,
  formOf,
  MEMBER_KINDS,
  TRAINING_LOCALES,
  type ModuleForm,
  type TrainingLocale,
} from '../components/module-editor/moduleForm';
import { QuizBuilder, type ErrorOf } from '../components/module-editor/QuizBuilder';
import { TALL_SEGMENTS } from '../components/module-editor/segments';
import {
  usePublishTrainingModule,
  useSaveTrainingModule,
  useTrainingModuleDraft,
} from '../hooks/useTrainingModuleDraft';
import type { TrainingModule } from '../types';

/** `/training-modules/new` and `/training-modules/:moduleId`: write a module, preview it, publish it. */
export function TrainingModuleEditorPage() {
  const { t } = useTranslation();
  const { moduleId } = useParams();
  const module = useTrainingModuleDraft(moduleId);
  const problem = module.isError ? pageProblemOf(module.error, 'moduleId') : null;
  const title = module.data ? titleOf(module.data) : t('compliance.editor.newModule');
  useDocumentTitle(problem ? '' : t('app.documentTitle', { page: title }));

  if (!moduleId) return <ModuleEditor key="new" module={null} />;
  if (problem === 'notFound') return <NotFoundPage />;
  if (problem === 'notAllowed') return <NotAllowedPage />;
  if (module.isError)
    return (
      <Stack gap="md" maw={1200}>
        <BackLink />
        <ProblemAlert error={module.error} title={t('compliance.editor.loadFailed')}>
          <Button variant="light" color="red" mt="sm" onClick={() => void module.refetch()}>
            {t('common.retry')}
          </Button>
        </ProblemAlert>
      </Stack>
    );
  if (module.isPending)
    return <Skeleton h={400} radius="md" role="status" aria-busy="true" aria-label={t('app.loading')} />;
  // A new revision (saved or published here) keeps the form; loading another module starts afresh.
  return <ModuleEditor key={module.data.id} module={module.data} />;
}

function titleOf(module: Pick<TrainingModule, 'title'>): string {
  return module.title.en ?? module.title.fi ?? '';
}

function BackLink() {
  const { t } = useTranslation();
  return (
    <div>
      <Button
        component={Link}
        to="/training-modules"
        variant="subtle"
        px="xs"
        leftSection={<span aria-hidden>←</span>}
      >
        {t('compliance.editor.back')}
      </Button>
    </div>
  );
}

const sameContent = (a: ModuleForm, b: ModuleForm) =>
  JSON.stringify(contentOf(a)) === JSON.stringify(contentOf(b));

function ModuleEditor({ module }: { module: TrainingModule | null }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { describeField } = useProblemMessage();
  const teams = useTeams();
  const firstLocale: TrainingLocale = i18n.resolvedLanguage === 'fi' ? 'fi' : 'en';
  const [form, setForm] = useState<ModuleForm>(() => (module ? formOf(module) : emptyForm(firstLocale)));
  const [showErrors, setShowErrors] = useState(false);
  const [mode, setMode] = useState<'edit' | 'preview'>('edit');
  const save = useSaveTrainingModule(module);
  const publish = usePublishTrainingModule(module);
  const set = useCallback(
    <K extends keyof ModuleForm>(key: K, value: ModuleForm[K]) =>
      setForm((current) => ({ ...current, [key]: value })),
    [],
  );

  const teamIds = useMemo(
    () => (teams.data ? new Set(teams.data.map((team) => team.id)) : undefined),
    [teams.data],
  );
  const clientErrors = useMemo(() => formErrors(form, teamIds), [form, teamIds]);
  const serverErrors: readonly TrainingContentError[] = useMemo(
    () =>
      isApiProblem(save.error)
        ? save.error.errors.map((error) => ({ ...error, message: error.message ?? '' }))
        : [],
    [save.error],
  );
  const shown = useMemo(
    () => (showErrors ? [...clientErrors, ...serverErrors] : serverErrors),
    [showErrors, clientErrors, serverErrors],
  );
  const errorOf: ErrorOf = useCallback(
    (field, deep = false) => {
      const found = shown.filter(
        (error) => error.field === field || (deep && error.field.startsWith(`${field}.`)),
      );
      return found.length
        ? [...new Set(found.map((error) => describeField(error.code)))].join(' ')
        : undefined;
    },
    [shown, describeField],
  );

  const saved = module ? formOf(module) : null;
  const dirty = !saved || !sameContent(form, saved);
  const stale = isApiProblem(save.error) && save.error.code === 'training.stale_revision';
  const publishStale = isApiProblem(publish.error) && publish.error.code === 'training.stale_revision';

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setShowErrors(true);
    if (clientErrors.length) {
      save.reset();
      return;
    }
    publish.reset();
    save.mutate(
      { kind: form.kind, ...contentOf(form) },
      {
        onSuccess: (result) => {
          setShowErrors(false);
          if (!module) void navigate(`/training-modules/${result.id}`, { replace: true });
        },
      },
    );
  };

  return (
    <Stack gap="lg" maw={1200}>
      <Stack gap={4}>
        <BackLink />
        <Group gap="sm" align="center">
          <Title order={1} fz={{ base: 'h2', sm: 'h1' }} style={{ overflowWrap: 'anywhere' }}>
            {module ? titleOf(module) || t('compliance.editor.untitled') : t('compliance.editor.newModule')}
          </Title>
          {module ? <VersionBadges module={module} /> : null}
        </Group>
      </Stack>

      <SegmentedControl
        aria-label={t('compliance.editor.mode')}
        data={[
          { value: 'edit', label: t('compliance.editor.edit') },
          { value: 'preview', label: t('compliance.editor.preview.tab') },
        ]}
        value={mode}
        onChange={(value) => setMode(value as 'edit' | 'preview')}
        w={{ base: '100%', xs: 'auto' }}
        maw={{ base: '100%', xs: 420 }}
        styles={TALL_SEGMENTS}
      />

      {mode === 'preview' ? (
        <ModulePreview kind={form.kind} content={contentOf(form)} locales={form.locales} />
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <DetailsSection form={form} set={set} isNew={!module} errorOf={errorOf} />
            <AudienceSection form={form} set={set} errorOf={errorOf} teams={teams.data ?? []} />
            <TextSection form={form} set={set} errorOf={errorOf} />
            {form.kind === 'course' ? <QuizBuilder form={form} set={set} errorOf={errorOf} /> : null}

            <Paper withBorder p="md" radius="md">
              <Stack gap="sm">
                {showErrors && clientErrors.length ? (
                  <Alert color="red" variant="light" role="alert" title={t('compliance.editor.fixFields')}>
                    <Text size="sm">{t('compliance.editor.problems', { count: clientErrors.length })}</Text>
                  </Alert>
                ) : null}
                {stale ? (
                  <Alert
                    color="orange"
                    variant="light"
                    role="alert"
                    title={t('errors.training.stale_revision')}
                  >
                    <Text size="sm">{t('compliance.editor.staleHint')}</Text>
                  </Alert>
                ) : save.isError ? (
                  <ProblemAlert error={save.error} title={t('compliance.editor.saveFailed')} />
                ) : null}
                {save.isSuccess && !dirty ? (
                  <Text size="sm" c="teal" role="status">
                    {t('compliance.editor.saved')}
                  </Text>
                ) : null}
                <Group gap="sm">
                  <Button type="submit" loading={save.isPending} w={{ base: '100%', xs: 'auto' }}>
                    {module ? t('compliance.editor.saveDraft') : t('compliance.editor.create')}
                  </Button>
                  {stale || publishStale ? (
                    <Button
                      variant="default"
                      onClick={() => window.location.reload()}
                      w={{ base: '100%', xs: 'auto' }}
                    >
                      {t('compliance.editor.reload')}
                    </Button>
                  ) : null}
                </Group>
              </Stack>
            </Paper>
          </Stack>
        </form>
      )}

      {module ? <PublishSection module={module} dirty={dirty} publish={publish} /> : null}
    </Stack>
  );
}

function VersionBadges({ module }: { module: TrainingModule }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      <Badge variant="outline" color="indigo" radius="sm" tt="none">
        {t(`training.kinds.${module.kind}`)}
      </Badge>
      {module.version === 0 ? (
        <Badge variant="light" color="gray" radius="sm" tt="none">
          {t('compliance.catalogue.draft')}
        </Badge>
      ) : (
        <Badge variant="light" color="teal" radius="sm" tt="none">
          {t('compliance.editor.versionBadge', { version: module.version })}
        </Badge>
      )}
      {module.hasUnpublishedChanges && module.version > 0 ? (
        <Badge variant="light" color="yellow" radius="sm" tt="none">
          {t('compliance.catalogue.unpublishedChanges')}
        </Badge>
      ) : null}
    </Group>
  );
}

interface SectionProps {
  form: ModuleForm;
  set: <K extends keyof ModuleForm>(key: K, value: ModuleForm[K]) => void;
  errorOf: ErrorOf;
}

function DetailsSection({ form, set, isNew, errorOf }: SectionProps & { isNew: boolean }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="module-details">
      <Stack gap="sm">
        <Title order={2} fz="h4" id="module-details">
          {t('compliance.editor.details')}
        </Title>
        {isNew ? (
          <Radio.Group
            label={t('compliance.editor.kind')}
            value={form.kind}
            onChange={(value) => set('kind', value as ModuleForm['kind'])}
          >
            <Stack gap="xs" mt="xs">
              {(['course', 'policy'] as const).map((kind) => (
                <Radio.Card key={kind} value={kind} radius="md" p="sm" mih={44}>
                  <Group wrap="nowrap" gap="sm" align="flex-start">
                    <Radio.Indicator mt={2} />
                    <div>
                      <Text size="sm" fw={600}>
                        {t(`training.kinds.${kind}`)}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {t(`compliance.editor.kindHint.${kind}`)}
                      </Text>
                    </div>
                  </Group>
                </Radio.Card>
              ))}
            </Stack>
          </Radio.Group>
        ) : null}
        <CardChoices
          label={t('compliance.editor.languagesLabel')}
          description={t('compliance.editor.languagesHint')}
          options={TRAINING_LOCALES.map((locale) => ({
            value: locale,
            label: t(`compliance.editor.languages.${locale}`),
          }))}
          value={form.locales}
          onChange={(value) =>
            set(
              'locales',
              TRAINING_LOCALES.filter((locale) => value.includes(locale)),
            )
          }
          error={errorOf('title')}
        />
        <NumberInput
          label={t('compliance.editor.validity')}
          description={t('compliance.editor.validityHint')}
          min={TRAINING_LIMITS.minValidityDays}
          max={TRAINING_LIMITS.maxValidityDays}
          allowDecimal={false}
          clampBehavior="none"
          hideControls
          value={form.validityDays}
          onChange={(value) => set('validityDays', value === '' ? '' : Number(value))}
          error={errorOf('validityDays')}
          maw={320}
        />
      </Stack>
    </Paper>
  );
}

function AudienceSection({
  form,
  set,
  errorOf,
  teams,
}: SectionProps & { teams: readonly { id: string; name: string }[] }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="module-audience">
      <Stack gap="sm">
        <Title order={2} fz="h4" id="module-audience">
          {t('compliance.editor.audience')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('compliance.editor.audienceHint')}
        </Text>
        <CardChoices
          label={t('compliance.editor.memberKinds')}
          options={MEMBER_KINDS.map((kind) => ({ value: kind, label: t(`studio.kinds.${kind}`) }))}
          value={form.kinds}
          onChange={(value) =>
            set(
              'kinds',
              MEMBER_KINDS.filter((kind) => value.includes(kind)),
            )
          }
          error={errorOf('requiredFor.kinds', true)}
        />
        {teams.length ? (
          <CardChoices
            label={t('compliance.editor.teams')}
            description={t('compliance.editor.teamsHint')}
            options={teams.map((team) => ({ value: team.id, label: team.name }))}
            value={form.teamIds}
            onChange={(value) => set('teamIds', value)}
            error={errorOf('requiredFor.teamIds', true)}
          />
        ) : null}
      </Stack>
    </Paper>
  );
}

/** A few choices as cards a thumb can hit (member kinds, languages, teams). */
function CardChoices({
  label,
  description,
  options,
  value,
  onChange,
  error,
}: {
  label: string;
  description?: string;
  options: readonly { value: string; label: string }[];
  value: string[];
  onChange: (value: string[]) => void;
  error?: string;
}) {
  return (
    <Checkbox.Group label={label} description={description} value={value} onChange={onChange} error={error}>
      <Group gap="sm" mt="xs">
        {options.map((option) => (
          <Checkbox.Card key={option.value} value={option.value} radius="md" px="sm" py={6} mih={44} w="auto">
            <Group wrap="nowrap" gap="sm" align="center">
              <Checkbox.Indicator />
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                {option.label}
              </Text>
            </Group>
          </Checkbox.Card>
        ))}
      </Group>
    </Checkbox.Group>
  );
}

/** Title and body per language; the body's preview is the advocates' own renderer, as it is typed. */
function TextSection({ form, set, errorOf }: SectionProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const [tab, setTab] = useState<string | null>(form.locales[0] ?? 'en');
  const active = form.locales.includes(tab as TrainingLocale) ? (tab as TrainingLocale) : form.locales[0];
  const body = useDeferredValue(active ? form.body[active] : '');
  if (!active) return null;
  const length = form.body[active].length;

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="module-text">
      <Stack gap="sm">
        <Title order={2} fz="h4" id="module-text">
          {t('compliance.editor.text')}
        </Title>
        <Tabs value={active} onChange={setTab} keepMounted={false}>
          {form.locales.length > 1 ? (
            <Tabs.List mb="sm">
              {form.locales.map((locale) => (
                <Tabs.Tab key={locale} value={locale} mih={44}>
                  {t(`compliance.editor.languages.${locale}`)}
                </Tabs.Tab>
              ))}
            </Tabs.List>
          ) : null}
          {form.locales.map((locale) => (
            <Tabs.Panel key={locale} value={locale}>
              <Stack gap="sm" lang={locale}>
                <TextInput
                  label={t('compliance.editor.title', {
                    language: t(`compliance.editor.languages.${locale}`),
                  })}
                  value={form.title[locale]}
                  maxLength={TRAINING_LIMITS.titleLength + 50}
                  onChange={(event) => set('title', { ...form.title, [locale]: event.currentTarget.value })}
                  error={errorOf(`title.${locale}`)}
                />
                <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
                  <Textarea
                    label={t('compliance.editor.body', {
                      language: t(`compliance.editor.languages.${locale}`),
                    })}
                    description={t('compliance.editor.bodyHint')}
                    autosize
                    minRows={12}
                    maxRows={30}
                    value={form.body[locale]}
                    onChange={(event) => set('body', { ...form.body, [locale]: event.currentTarget.value })}
                    error={errorOf(`body.${locale}`)}
                    styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
                  />
                  <Stack gap={4}>
                    <Text size="sm" fw={500}>
                      {t('compliance.editor.livePreview')}
                    </Text>
                    <Paper
                      withBorder
                      radius="md"
                      p="md"
                      aria-label={t('compliance.editor.livePreview')}
                      mih={120}
                      style={{ overflow: 'auto', maxHeight: '40rem' }}
                    >
                      {body.trim() ? (
                        <MarkdownBody source={body} />
                      ) : (
                        <Text c="dimmed" size="sm">
                          {t('training.emptyBody')}
                        </Text>
                      )}
                    </Paper>
                  </Stack>
                </SimpleGrid>
                <Text size="xs" c={length > TRAINING_LIMITS.bodyLength ? 'red.8' : 'dimmed'}>
                  {t('compliance.editor.bodyLength', {
                    length: format.integer(length),
                    max: format.integer(TRAINING_LIMITS.bodyLength),
                  })}
                </Text>
              </Stack>
            </Tabs.Panel>
          ))}
        </Tabs>
      </Stack>
    </Paper>
  );
}

/** Publish the saved draft as a material change (everyone passes again) or a correction. */
function PublishSection({
  module,
  dirty,
  publish,
}: {
  module: TrainingModule;
  dirty: boolean;
  publish: ReturnType<typeof usePublishTrainingModule>;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const first = module.version === 0;
  const [change, setChange] = useState<'material' | 'correction'>('material');
  const blocked = dirty || !module.hasUnpublishedChanges;

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="module-publish">
      <Stack gap="sm">
        <Title order={2} fz="h4" id="module-publish">
          {t('compliance.editor.publish.heading')}
        </Title>
        <Text size="sm" c="dimmed">
          {module.publishedAt
            ? t('compliance.catalogue.published', {
                version: module.version,
                date: format.shortDate(new Date(module.publishedAt)),
              })
            : t('compliance.catalogue.neverPublished')}
        </Text>
        {first ? (
          <Text size="sm">{t('compliance.editor.publish.firstHint')}</Text>
        ) : (
          <Radio.Group
            label={t('compliance.editor.publish.changeLabel')}
            value={change}
            onChange={(value) => setChange(value as 'material' | 'correction')}
          >
            <Stack gap="xs" mt="xs">
              {(['material', 'correction'] as const).map((value) => (
                <Radio.Card key={value} value={value} radius="md" p="sm" mih={44}>
                  <Group wrap="nowrap" gap="sm" align="flex-start">
                    <Radio.Indicator mt={2} />
                    <div>
                      <Text size="sm" fw={600}>
                        {t(`compliance.editor.publish.${value}`)}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {t(`compliance.editor.publish.${value}Hint`)}
                      </Text>
                    </div>
                  </Group>
                </Radio.Card>
              ))}
            </Stack>
          </Radio.Group>
        )}
        {dirty ? (
          <Text size="sm" c="orange">
            {t('compliance.editor.publish.saveFirst')}
          </Text>
        ) : !module.hasUnpublishedChanges ? (
          <Text size="sm" c="dimmed">
            {t('compliance.editor.publish.nothing')}
          </Text>
        ) : null}
        {publish.isError ? (
          <ProblemAlert error={publish.error} title={t('compliance.editor.publish.failed')} />
        ) : null}
        {publish.isSuccess && !module.hasUnpublishedChanges ? (
          <Text size="sm" c="teal" role="status">
            {t('compliance.editor.publish.done', { version: module.version })}
          </Text>
        ) : null}
        <div>
          <Button
            disabled={blocked}
            loading={publish.isPending}
            onClick={() => publish.mutate(first || change === 'material')}
            w={{ base: '100%', xs: 'auto' }}
          >
            {t('compliance.editor.publish.button', { version: module.version + 1 })}
          </Button>
        </div>
      </Stack>
    </Paper>
  );
}
