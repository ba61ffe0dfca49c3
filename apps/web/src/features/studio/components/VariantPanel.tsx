import { Button, Card, Group, Image, List, Stack, Text, Textarea, TextInput } from '@mantine/core';
import {
  formatIssue,
  isMessageLocale,
  MESSAGES,
  VARIANT_TEMPLATE_VARIABLES,
  type IssueCode,
} from '@heimo/content';
import { findNetwork, measureText } from '@heimo/domain';
import { useTranslation } from 'react-i18next';
import type { PackVariant } from '../types';
import type { VariantDraft } from './packForm';

const TEMPLATE_VARIABLES = VARIANT_TEMPLATE_VARIABLES.map((name) => `{{${name}}}`).join(', ');

interface VariantPanelProps {
  variant: VariantDraft;
  /** The API's check of the saved variant, when it is saved unchanged. */
  saved: PackVariant | null;
  destinationUrl: string;
  hashtags: string[];
  imageUrl: string | null;
  disabled: boolean;
  onChange: (variant: VariantDraft) => void;
  onRemove: () => void;
}

/**
 * One caption variant: its template with a live counter measured by the network's own rule from the
 * registry, the API's full check after a save, and a preview shaped like the network's post.
 */
export function VariantPanel(props: VariantPanelProps) {
  const { variant, saved, disabled, onChange } = props;
  const { t, i18n } = useTranslation();
  const network = findNetwork(variant.network);
  const measured = network ? measureText(variant.captionTemplate, network.caption) : null;
  const over = measured ? !measured.fits : false;
  const locale = isMessageLocale(i18n.language) ? i18n.language : 'en';
  const savedUnchanged = saved !== null && saved.captionTemplate === variant.captionTemplate;
  const issues = savedUnchanged ? saved.check.issues : [];
  const counterId = `counter-${variant.key}`;

  return (
    <Stack gap="sm">
      {network?.title ? (
        <TextInput
          label={t('studio.variant.title')}
          value={variant.title}
          disabled={disabled}
          onChange={(event) => onChange({ ...variant, title: event.currentTarget.value })}
        />
      ) : null}
      <Textarea
        label={t('studio.variant.caption')}
        description={t('studio.variant.captionHint', { variables: TEMPLATE_VARIABLES })}
        autosize
        minRows={4}
        value={variant.captionTemplate}
        disabled={disabled}
        error={over ? t('studio.variant.tooLong') : undefined}
        aria-describedby={counterId}
        onChange={(event) => onChange({ ...variant, captionTemplate: event.currentTarget.value })}
      />
      {measured ? (
        <Text
          id={counterId}
          size="sm"
          fw={600}
          c={over ? 'red' : 'dimmed'}
          data-testid="caption-counter"
          data-over={over ? 'true' : 'false'}
          aria-live="polite"
        >
          {t('studio.variant.counter', { length: measured.length, limit: measured.limit })}
        </Text>
      ) : null}
      {issues.length > 0 ? (
        <List size="sm" c="red" aria-label={t('studio.variant.issues')}>
          {issues.map((issue) => (
            <List.Item key={`${issue.code}-${issue.field}`}>{issueText(issue, locale)}</List.Item>
          ))}
        </List>
      ) : savedUnchanged && saved.check.ok ? (
        <Text size="sm" c="green">
          {t('studio.variant.checkOk')}
        </Text>
      ) : null}
      <Preview {...props} />
      <Group>
        <Button variant="subtle" color="red" disabled={disabled} onClick={props.onRemove}>
          {t('studio.variant.remove')}
        </Button>
      </Group>
    </Stack>
  );
}

function Preview({ variant, destinationUrl, hashtags, imageUrl }: VariantPanelProps) {
  const { t } = useTranslation();
  const network = findNetwork(variant.network);
  const color = network?.brand.color ?? 'gray';
  return (
    <Card
      withBorder
      radius="md"
      padding="sm"
      aria-label={t('studio.variant.preview')}
      style={{ borderTop: `4px solid ${color}`, maxWidth: 520 }}
    >
      <Text size="xs" fw={700} c="dimmed">
        {network?.label ?? variant.network} · {t('studio.variant.preview')}
      </Text>
      {variant.title ? (
        <Text fw={600} mt={4} style={{ overflowWrap: 'anywhere' }}>
          {variant.title}
        </Text>
      ) : null}
      <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {variant.captionTemplate || t('studio.variant.emptyCaption')}
      </Text>
      {hashtags.length > 0 ? (
        <Text size="sm" c="blue" mt={4} style={{ overflowWrap: 'anywhere' }}>
          {hashtags.map((tag) => `#${tag}`).join(' ')}
        </Text>
      ) : null}
      {imageUrl ? <Image src={imageUrl} alt="" mt="xs" radius="sm" mah={200} fit="contain" /> : null}
      {destinationUrl ? (
        <Text size="xs" c="dimmed" mt={4} style={{ overflowWrap: 'anywhere' }}>
          {destinationUrl}
        </Text>
      ) : null}
    </Card>
  );
}

/** The issue in the reader's language from the content catalogue; the API's English words for a code it does not know. */
function issueText(
  issue: { code: string; params: Record<string, string | number>; message: string },
  locale: 'en' | 'fi',
) {
  return issue.code in MESSAGES[locale]
    ? formatIssue({ code: issue.code as IssueCode, params: issue.params }, locale)
    : issue.message;
}
