import type { PackField } from '@heimo/domain';
import { Button, Group, Paper, Select, Stack, Tabs, Text, Title } from '@mantine/core';
import type { VariantCheck } from '@heimo/content';
import { listNetworks } from '@heimo/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../../app/shell/ProblemAlert';
import { networkLabel } from '../../../profile/components/NetworkMark';
import type { MediaAsset } from '../../hooks/uploadMedia';
import type { PackEditorForm } from '../../hooks/usePackEditorForm';
import type { Pack } from '../../types';
import { useMediaAssets } from '../../hooks/useSharingRules';
import { firstImageAlt, MediaList } from '../MediaList';
import { MediaUpload } from '../MediaUpload';
import { LOCALES, variantKey, type Locale, type PackForm } from '../packForm';
import { VariantPanel } from '../VariantPanel';

interface VariantsSectionProps {
  form: PackForm;
  /** The pack as saved, null for a new pack: each tab shows the API's check of its saved variant. */
  pack: Pack | null;
  /** Whether the pack's state keeps this field from changing (the domain's editable-fields rule). */
  locked: (field: PackField) => boolean;
  variants: PackEditorForm['variants'];
  checks: readonly (VariantCheck | null)[];
  rules: PackEditorForm['rules'];
  imageUrlOf: (ids: string[]) => string | null;
  onUploaded: (asset: MediaAsset) => void;
}

/** The caption variants, one tab per network and language, and the picker that adds one. */
export function VariantsSection(props: VariantsSectionProps) {
  const { form, pack, locked, variants, checks, rules, imageUrlOf, onUploaded } = props;
  const { t } = useTranslation();
  const [newNetwork, setNewNetwork] = useState<string | null>(null);
  const [newLocale, setNewLocale] = useState<Locale>('en');
  const enabledNetworks = rules.data?.enabledNetworks ?? null;
  const networkChoices = listNetworks().filter((network) => enabledNetworks?.includes(network.id));
  const localeChoices = rules.data?.locales ?? LOCALES;
  const assets = useMediaAssets([...form.mediaIds, ...form.variants.flatMap((variant) => variant.mediaIds)]);

  const add = () => {
    if (!newNetwork) return;
    if (variants.add(newNetwork, newLocale)) setNewNetwork(null);
  };

  return (
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
            disabled={locked('variants')}
            miw={180}
          />
          <Select
            label={t('studio.variants.locale')}
            data={localeChoices.map((code) => ({ value: code, label: t(`studio.locales.${code}`) }))}
            value={newLocale}
            onChange={(value) => setNewLocale((value as Locale | null) ?? 'en')}
            allowDeselect={false}
            disabled={locked('variants')}
            miw={120}
          />
          <Button variant="light" onClick={add} disabled={locked('variants') || !newNetwork}>
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
          <Tabs value={variants.active} onChange={variants.setActive} keepMounted={false}>
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
                      pack?.variants.find((v) => variantKey(v.network, v.locale) === variant.key) ?? null
                    }
                    check={checks[index] ?? null}
                    preview={checks[index]?.preview?.text ?? null}
                    enabledNetworks={enabledNetworks}
                    destinationUrl={form.destinationUrl}
                    cardTitle={form.title}
                    cardSummary={form.summary}
                    imageUrl={imageUrlOf(variant.mediaIds.length > 0 ? variant.mediaIds : form.mediaIds)}
                    imageAlt={firstImageAlt(
                      variant.mediaIds.length > 0 ? variant.mediaIds : form.mediaIds,
                      assets,
                      (name) => t('studio.media.undescribedAlt', { name }),
                    )}
                    disabled={locked('variants')}
                    onChange={(next) => variants.set(variant.key, next)}
                    onRemove={() => variants.remove(variant.key)}
                  />
                  <Text size="sm">{t('studio.media.count', { count: variant.mediaIds.length })}</Text>
                  <MediaList ids={variant.mediaIds} locked={locked('variants')} />
                  <MediaUpload
                    label={t('studio.media.uploadVariant')}
                    disabled={locked('variants')}
                    onUploaded={(asset) => {
                      onUploaded(asset);
                      variants.set(variant.key, { ...variant, mediaIds: [...variant.mediaIds, asset.id] });
                    }}
                  />
                </Stack>
              </Tabs.Panel>
            ))}
          </Tabs>
        )}
      </Stack>
    </Paper>
  );
}
