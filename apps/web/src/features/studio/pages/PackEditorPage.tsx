import {
  Alert,
  Button,
  Group,
  MultiSelect,
  Paper,
  Select,
  Skeleton,
  Stack,
  Switch,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { firstNameOf } from '@heimo/content';
import { isPackEditable, listNetworks } from '@heimo/domain';
import { useDocumentTitle } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiProblem } from '../../../api/problem';
import { useProblemMessage } from '../../../app/i18n/useProblemMessage';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { useMe } from '../../auth/hooks/useMe';
import { networkLabel } from '../../profile/components/NetworkMark';
import { useTeams } from '../../teams/hooks/useTeams';
import { MediaUpload } from '../components/MediaUpload';
import { ActionsSection } from '../components/pack-editor/ActionsSection';
import { HistorySection } from '../components/pack-editor/HistorySection';
import { PackStatusBadge } from '../components/PackStatusBadge';
import {
  bodyFromForm,
  emptyForm,
  formFromPack,
  LOCALES,
  mergeStaleForm,
  MEMBER_KINDS,
  parseHashtags,
  variantKey,
  type Locale,
  type PackForm,
  type VariantDraft,
} from '../components/packForm';
import {
  checkVariantLive,
  describeContentError,
  messageLocale,
  previewCaption,
  variantMedia,
} from '../components/liveCheck';
import { VariantPanel } from '../components/VariantPanel';
import { useCreatePack, usePack, useUpdatePack } from '../hooks/usePacks';
import { useMediaAssets, useSharingRules } from '../hooks/useSharingRules';
import type { MediaAsset } from '../hooks/uploadMedia';
import type { Pack } from '../types';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** `/studio/packs/new` and `/studio/packs/:packId`: the pack editor, its actions and its history. */
export function PackEditorPage() {
  const { t } = useTranslation();
  const { packId } = useParams();
  const pack = usePack(packId);
  useDocumentTitle(t('app.documentTitle', { page: pack.data?.title ?? t('studio.newPack') }));

  if (!packId) return <PackEditor key="new" pack={null} onReload={() => undefined} />;
  if (pack.isError) {
    return (
      <ProblemAlert error={pack.error} title={t('studio.loadPackFailed')}>
        <Button variant="light" color="red" mt="sm" onClick={() => void pack.refetch()}>
          {t('common.retry')}
        </Button>
      </ProblemAlert>
    );
  }
  if (pack.isPending) return <Skeleton h={400} radius="md" aria-busy="true" aria-label={t('app.loading')} />;
  return (
    <PackEditor
      key={pack.data.id}
      pack={pack.data}
      onReload={async () => (await pack.refetch()).data ?? null}
    />
  );
}

function PackEditor({ pack, onReload }: { pack: Pack | null; onReload: () => Promise<Pack | null> | void }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { describeField } = useProblemMessage();
  const [form, setForm] = useState<PackForm>(() => (pack ? formFromPack(pack) : emptyForm));
  const [hashtagText, setHashtagText] = useState(() => form.hashtags.map((tag) => `#${tag}`).join(' '));
  const [activeVariant, setActiveVariant] = useState<string | null>(form.variants[0]?.key ?? null);
  const [newNetwork, setNewNetwork] = useState<string | null>(null);
  const [newLocale, setNewLocale] = useState<Locale>('en');
  const [assets, setAssets] = useState<Record<string, MediaAsset>>({});
  const [saved, setSaved] = useState(false);
  /** After a stale save was reloaded: the fields both sides changed, [] when none. */
  const [merged, setMerged] = useState<string[] | null>(null);
  const create = useCreatePack();
  const update = useUpdatePack(pack?.id ?? '');
  const teams = useTeams();
  const rules = useSharingRules();
  const me = useMe();
  const save = pack ? update : create;
  const disabled = pack !== null && !isPackEditable(pack.status);
  const stale = isApiProblem(save.error) && save.error.code === 'pack.stale_version';

  const set = <K extends keyof PackForm>(key: K, value: PackForm[K]) => {
    setSaved(false);
    setMerged(null);
    setForm((current) => ({ ...current, [key]: value }));
  };
  const setVariant = (key: string, next: VariantDraft) =>
    set(
      'variants',
      form.variants.map((variant) => (variant.key === key ? next : variant)),
    );

  const addVariant = () => {
    if (!newNetwork) return;
    const key = variantKey(newNetwork, newLocale);
    if (form.variants.some((variant) => variant.key === key)) {
      setActiveVariant(key);
      return;
    }
    set('variants', [
      ...form.variants,
      { key, network: newNetwork, locale: newLocale, captionTemplate: '', title: '', mediaIds: [] },
    ]);
    setActiveVariant(key);
    setNewNetwork(null);
  };

  const removeVariant = (key: string) => {
    const rest = form.variants.filter((variant) => variant.key !== key);
    set('variants', rest);
    setActiveVariant(rest[0]?.key ?? null);
  };

  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    const body = { ...bodyFromForm({ ...form, hashtags: parseHashtags(hashtagText) }) };
    if (!pack) {
      create.mutate(body, {
        onSuccess: (created) => void navigate(`/studio/packs/${created.id}`, { replace: true }),
      });
      return;
    }
    update.mutate(
      { ...body, version: pack.version },
      {
        onSuccess: (next) => {
          setForm(formFromPack(next));
          setSaved(true);
        },
      },
    );
  };

  // The current pack with this editor's own changes on top: nothing typed is lost.
  const reload = async () => {
    const base = pack ? formFromPack(pack) : null;
    const mine = { ...form, hashtags: parseHashtags(hashtagText) };
    const fresh = await onReload();
    if (fresh && base) {
      const result = mergeStaleForm(base, mine, formFromPack(fresh));
      setForm(result.form);
      if (!same(result.form.hashtags, mine.hashtags)) {
        setHashtagText(result.form.hashtags.map((tag) => `#${tag}`).join(' '));
      }
      setMerged([...result.conflicts]);
      setSaved(false);
    }
    save.reset();
  };

  const stored = useMediaAssets([...form.mediaIds, ...form.variants.flatMap((variant) => variant.mediaIds)]);
  const known = useMemo(() => ({ ...stored, ...assets }), [stored, assets]);
  const imageUrlOf = (ids: string[]) =>
    ids.map((id) => (known[id]?.kind === 'image' ? known[id].url : undefined)).find(Boolean) ?? null;
  // Every tab checked as typed by the library function the API runs on save, with the same rules.
  const checks = useMemo(
    () =>
      form.variants.map((variant) =>
        checkVariantLive(variant, form, rules.data, variantMedia(variant, form, known)),
      ),
    [form, rules.data, known],
  );
  const sampleName = me.data ? firstNameOf(me.data.name) : null;
  const enabledNetworks = rules.data?.enabledNetworks ?? null;
  const networkChoices = listNetworks().filter((network) => enabledNetworks?.includes(network.id));
  const localeChoices = rules.data?.locales ?? LOCALES;
  const locale = messageLocale(i18n.language);
  const fieldErrors = isApiProblem(save.error) ? save.error.errors : [];

  /** `variants.2.captionTemplate` → "X · EN: Caption", a variant key `x:en` → "X · EN"; pack fields by their label. */
  const fieldLabel = (field: string): string => {
    const variantOfKey = form.variants.find((variant) => variant.key === field);
    if (variantOfKey) return `${networkLabel(variantOfKey.network)} · ${variantOfKey.locale.toUpperCase()}`;
    const [head, index, rest] = field.split('.');
    const labels: Record<string, string> = {
      title: t('studio.fields.title'),
      summary: t('studio.fields.summary'),
      destinationUrl: t('studio.fields.destinationUrl'),
      hashtags: t('studio.fields.hashtags'),
      mediaIds: t('studio.media.heading'),
      audienceKinds: t('studio.audience.kinds'),
      audienceLocales: t('studio.audience.locales'),
      audienceTeamIds: t('studio.audience.teams'),
      publishAt: t('studio.schedule.publishAt'),
      expireAt: t('studio.schedule.expireAt'),
      captionTemplate: t('studio.variant.caption'),
      network: t('studio.variants.network'),
      locale: t('studio.variants.locale'),
      variantTitle: t('studio.variant.title'),
    };
    if (head === 'variants' && index !== undefined) {
      const variant = form.variants[Number(index)];
      const name = variant ? `${networkLabel(variant.network)} · ${variant.locale.toUpperCase()}` : field;
      const part = rest === 'title' ? labels.variantTitle : rest ? labels[rest] : undefined;
      return part ? `${name}: ${part}` : name;
    }
    return (head && labels[head]) ?? field;
  };

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

      {pack ? <ActionsSection pack={pack} onDone={(next) => setForm(formFromPack(next))} /> : null}

      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
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
            onChange={(event) => {
              setHashtagText(event.currentTarget.value);
              set('hashtags', parseHashtags(event.currentTarget.value));
            }}
          />
          <Switch
            label={t('studio.fields.allowCaptionEdit')}
            checked={form.allowCaptionEdit}
            disabled={disabled}
            onChange={(event) => set('allowCaptionEdit', event.currentTarget.checked)}
          />

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
                disabled={disabled}
                onChange={(value) => set('audienceKinds', value as PackForm['audienceKinds'])}
              />
              <MultiSelect
                label={t('studio.audience.locales')}
                data={LOCALES.map((locale) => ({ value: locale, label: t(`studio.locales.${locale}`) }))}
                value={form.audienceLocales}
                disabled={disabled}
                onChange={(value) => set('audienceLocales', value as Locale[])}
              />
              <MultiSelect
                label={t('studio.audience.teams')}
                data={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
                value={form.audienceTeamIds}
                disabled={disabled}
                searchable
                onChange={(value) => set('audienceTeamIds', value)}
              />
            </Stack>
          </Paper>

          <Paper withBorder p="md" radius="md">
            <Stack gap="sm">
              <Title order={2} fz="h4">
                {t('studio.schedule.heading')}
              </Title>
              <Group grow wrap="wrap" align="flex-start">
                <TextInput
                  type="datetime-local"
                  step={1}
                  label={t('studio.schedule.publishAt')}
                  value={form.publishAt}
                  disabled={pack?.status === 'published' || disabled}
                  onChange={(event) => set('publishAt', event.currentTarget.value)}
                  miw={200}
                />
                <TextInput
                  type="datetime-local"
                  step={1}
                  label={t('studio.schedule.expireAt')}
                  value={form.expireAt}
                  disabled={disabled}
                  onChange={(event) => set('expireAt', event.currentTarget.value)}
                  miw={200}
                />
              </Group>
            </Stack>
          </Paper>

          <Paper withBorder p="md" radius="md">
            <Stack gap="sm">
              <Title order={2} fz="h4">
                {t('studio.media.heading')}
              </Title>
              <Text size="sm">{t('studio.media.count', { count: form.mediaIds.length })}</Text>
              <MediaUpload
                label={t('studio.media.uploadPack')}
                disabled={disabled}
                onUploaded={(asset) => {
                  setAssets((current) => ({ ...current, [asset.id]: asset }));
                  set('mediaIds', [...form.mediaIds, asset.id]);
                }}
              />
              {form.mediaIds.length > 0 ? (
                <Group>
                  <Button
                    variant="subtle"
                    color="red"
                    disabled={disabled}
                    onClick={() => set('mediaIds', [])}
                  >
                    {t('studio.media.clear')}
                  </Button>
                </Group>
              ) : null}
            </Stack>
          </Paper>

          <Paper withBorder p="md" radius="md">
            <Stack gap="sm">
              <Title order={2} fz="h4">
                {t('studio.variants.heading')}
              </Title>
              <Text size="sm" c="dimmed">
                {t('studio.variants.hint')}
              </Text>
              <Group align="flex-end" wrap="wrap">
                <Select
                  label={t('studio.variants.network')}
                  data={networkChoices.map((network) => ({ value: network.id, label: network.label }))}
                  value={newNetwork}
                  onChange={setNewNetwork}
                  disabled={disabled}
                  miw={180}
                />
                <Select
                  label={t('studio.variants.locale')}
                  data={localeChoices.map((code) => ({ value: code, label: t(`studio.locales.${code}`) }))}
                  value={newLocale}
                  onChange={(value) => setNewLocale((value as Locale | null) ?? 'en')}
                  allowDeselect={false}
                  disabled={disabled}
                  miw={120}
                />
                <Button variant="light" onClick={addVariant} disabled={disabled || !newNetwork}>
                  {t('studio.variants.add')}
                </Button>
              </Group>
              {rules.isError ? (
                <ProblemAlert error={rules.error} title={t('studio.variants.rulesFailed')}>
                  <Button variant="light" color="red" mt="sm" onClick={() => void rules.refetch()}>
                    {t('common.retry')}
                  </Button>
                </ProblemAlert>
              ) : null}
              {form.variants.length === 0 ? (
                <Text size="sm">{t('studio.variants.none')}</Text>
              ) : (
                <Tabs value={activeVariant} onChange={setActiveVariant} keepMounted={false}>
                  <Tabs.List style={{ flexWrap: 'wrap' }}>
                    {form.variants.map((variant, index) => (
                      <Tabs.Tab
                        key={variant.key}
                        value={variant.key}
                        color={checks[index]?.ok === false ? 'red' : undefined}
                        rightSection={
                          checks[index]?.ok === false ? (
                            <Text span c="red" fw={700} role="img" aria-label={t('studio.variant.hasIssues')}>
                              !
                            </Text>
                          ) : null
                        }
                      >
                        {networkLabel(variant.network)} · {variant.locale.toUpperCase()}
                      </Tabs.Tab>
                    ))}
                  </Tabs.List>
                  {form.variants.map((variant, index) => (
                    <Tabs.Panel key={variant.key} value={variant.key} pt="sm">
                      <Stack gap="sm">
                        <VariantPanel
                          variant={variant}
                          saved={
                            pack?.variants.find((v) => variantKey(v.network, v.locale) === variant.key) ??
                            null
                          }
                          check={checks[index] ?? null}
                          preview={previewCaption(variant, form, rules.data, sampleName)}
                          enabledNetworks={enabledNetworks}
                          destinationUrl={form.destinationUrl}
                          imageUrl={imageUrlOf(
                            variant.mediaIds.length > 0 ? variant.mediaIds : form.mediaIds,
                          )}
                          disabled={disabled}
                          onChange={(next) => setVariant(variant.key, next)}
                          onRemove={() => removeVariant(variant.key)}
                        />
                        <Text size="sm">{t('studio.media.count', { count: variant.mediaIds.length })}</Text>
                        <MediaUpload
                          label={t('studio.media.uploadVariant')}
                          disabled={disabled}
                          onUploaded={(asset) => {
                            setAssets((current) => ({ ...current, [asset.id]: asset }));
                            setVariant(variant.key, {
                              ...variant,
                              mediaIds: [...variant.mediaIds, asset.id],
                            });
                          }}
                        />
                      </Stack>
                    </Tabs.Panel>
                  ))}
                </Tabs>
              )}
            </Stack>
          </Paper>

          {merged !== null && !save.isError ? (
            <Alert color="blue" variant="light" role="status" title={t('studio.stale.mergedTitle')}>
              <Text size="sm">{t('studio.stale.merged')}</Text>
              {merged.length > 0 ? (
                <Text size="sm" mt="xs">
                  {t('studio.stale.conflicts', { fields: merged.map(fieldLabel).join(', ') })}
                </Text>
              ) : null}
            </Alert>
          ) : null}
          {stale ? (
            <Alert color="orange" variant="light" role="alert" title={t('studio.stale.title')}>
              <Text size="sm">{t('studio.stale.body')}</Text>
              <Button mt="sm" variant="light" color="orange" onClick={() => void reload()}>
                {t('studio.stale.reload')}
              </Button>
            </Alert>
          ) : save.isError ? (
            <ProblemAlert error={save.error} title={t('studio.saveFailed')}>
              {fieldErrors.length > 0 ? (
                <Stack gap={2} mt="xs" component="ul" pl="md">
                  {fieldErrors.map((error) => (
                    <Text key={`${error.field}-${error.code}`} size="sm" component="li">
                      {fieldLabel(error.field)}:{' '}
                      {describeContentError(error, checks, form, locale) ?? describeField(error.code)}
                    </Text>
                  ))}
                </Stack>
              ) : null}
            </ProblemAlert>
          ) : saved ? (
            <Text c="green" role="status">
              {t('studio.saved')}
            </Text>
          ) : null}

          <Group>
            <Button
              type="submit"
              loading={save.isPending}
              disabled={disabled}
              w={{ base: '100%', xs: 'auto' }}
            >
              {pack ? t('studio.save') : t('studio.create')}
            </Button>
          </Group>
        </Stack>
      </form>

      {pack ? <HistorySection pack={pack} /> : null}
    </Stack>
  );
}
