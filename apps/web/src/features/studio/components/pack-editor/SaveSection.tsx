import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../../app/shell/ProblemAlert';
import { networkLabel } from '../../../profile/components/NetworkMark';
import type { PackEditorForm } from '../../hooks/usePackEditorForm';
import { describeContentError, messageLocale } from '../liveCheck';

type SaveSectionProps = Pick<
  PackEditorForm,
  | 'form'
  | 'save'
  | 'stale'
  | 'saved'
  | 'merged'
  | 'fieldErrors'
  | 'fieldWords'
  | 'describeFieldError'
  | 'backToReview'
  | 'checks'
  | 'reload'
  | 'disabled'
> & {
  /** False for a new pack: the button creates it. */
  isSaved: boolean;
};

/** What the last save said (merged after a reload, stale, field errors, saved) and the save button. */
export function SaveSection(props: SaveSectionProps) {
  const { form, save, stale, saved, merged, fieldErrors, checks, reload, disabled, isSaved } = props;
  const { fieldWords, describeFieldError, backToReview } = props;
  const { t, i18n } = useTranslation();
  const locale = messageLocale(i18n.language);

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
    <>
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
                  {fieldWords(error) ??
                    describeContentError(error, checks, form, locale) ??
                    describeFieldError(error)}
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

      {backToReview ? (
        <Alert color="yellow" variant="light" role="status" data-testid="back-to-review">
          <Text size="sm">{t('studio.editing.saveSendsBack')}</Text>
        </Alert>
      ) : null}
      <Group>
        <Button type="submit" loading={save.isPending} disabled={disabled} w={{ base: '100%', xs: 'auto' }}>
          {isSaved ? t('studio.save') : t('studio.create')}
        </Button>
      </Group>
    </>
  );
}
