import {
  Alert,
  Box,
  Button,
  Card,
  Group,
  Image,
  List,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { FIRST_NAME_MAX_CODE_POINTS, VARIANT_TEMPLATE_VARIABLES, type VariantCheck } from '@heimo/content';
import { findNetwork, foldCaption, imageAspectRatio, measureText } from '@heimo/domain';
import { useTranslation } from 'react-i18next';
import type { PackVariant } from '../types';
import { contentMessage, messageLocale } from './liveCheck';
import type { VariantDraft } from './packForm';

const TEMPLATE_VARIABLES = VARIANT_TEMPLATE_VARIABLES.map((name) => `{{${name}}}`).join(', ');

interface VariantPanelProps {
  variant: VariantDraft;
  /** The rules library's check of the caption as typed (`validateVariant`); null while the rules load. */
  check: VariantCheck | null;
  /** The caption as an advocate would post it, with a sample tracked link; null when it cannot render. */
  preview: string | null;
  /** The organisation's enabled networks; null while they load. */
  enabledNetworks: readonly string[] | null;
  /** The API's check of the saved variant, when it is saved unchanged. */
  saved: PackVariant | null;
  destinationUrl: string;
  /** The pack's title and summary, as a link card shows them. */
  cardTitle: string;
  cardSummary: string;
  imageUrl: string | null;
  /** The picture's description (alt text). */
  imageAlt: string;
  disabled: boolean;
  onChange: (variant: VariantDraft) => void;
  onRemove: () => void;
}

/**
 * One caption variant: its template with a live counter and every rule of the network checked as
 * you type by the same library function the API uses, and a preview shaped like the network's post.
 */
export function VariantPanel(props: VariantPanelProps) {
  const { variant, check, saved, disabled, onChange } = props;
  const { t, i18n } = useTranslation();
  const locale = messageLocale(i18n.language);
  const network = findNetwork(variant.network);
  // The counter is the network's own count of the preview (a tracked link of the real length); the
  // check also keeps room for what differs per advocate (their name), said below it. Until the rules
  // load, or when the template does not render, it measures the text as typed.
  const preview = check?.preview ?? null;
  const measured = network ? measureText(variant.captionTemplate, network.caption) : null;
  const length = check && preview ? preview.length : (measured?.length ?? 0);
  const limit = check && preview ? check.limit : (measured?.limit ?? 0);
  const reserved = check && preview ? check.reserved : 0;
  const over = network ? length + reserved > limit : false;
  const issues = check?.issues ?? [];
  const networkOff = props.enabledNetworks !== null && !props.enabledNetworks.includes(variant.network);
  // Problems only the API can see (media missing from the organisation, …) from the last save.
  const savedUnchanged = saved !== null && saved.captionTemplate === variant.captionTemplate;
  const liveCodes = new Set<string>(issues.map((issue) => issue.code));
  const savedOnly = savedUnchanged
    ? saved.check.issues.filter((issue) => !liveCodes.has(issue.code) && issue.code !== 'network.disabled')
    : [];
  const counterId = `counter-${variant.key}`;
  const checksId = `checks-${variant.key}`;

  return (
    <Stack gap="sm">
      {networkOff ? (
        <Alert color="orange" variant="light" role="alert">
          {t('studio.variant.networkDisabled', { network: network?.label ?? variant.network })}
        </Alert>
      ) : null}
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
        aria-describedby={`${counterId} ${checksId}`}
        onChange={(event) => onChange({ ...variant, captionTemplate: event.currentTarget.value })}
      />
      {network ? (
        <Text
          id={counterId}
          size="sm"
          fw={600}
          c={over ? 'red' : 'dimmed'}
          data-testid="caption-counter"
          data-length={length}
          data-reserved={reserved}
          data-over={over ? 'true' : 'false'}
          aria-live="polite"
        >
          {t('studio.variant.counter', { length, limit })}
          {reserved > 0 ? (
            <Text span size="sm" fw={400} display="block" data-testid="caption-reserved">
              {t('studio.variant.reserved', {
                reserved,
                max: FIRST_NAME_MAX_CODE_POINTS,
                total: length + reserved,
                limit,
              })}
            </Text>
          ) : null}
        </Text>
      ) : null}
      <div id={checksId} aria-live="polite" data-testid="caption-checks">
        {issues.length + savedOnly.length > 0 ? (
          <List size="sm" c="red" aria-label={t('studio.variant.issues')}>
            {issues.map((issue) => (
              <List.Item key={`live-${issue.code}-${issue.field ?? ''}-${JSON.stringify(issue.params)}`}>
                {contentMessage(issue, locale) ?? issue.code}
              </List.Item>
            ))}
            {savedOnly.map((issue) => (
              <List.Item key={`saved-${issue.code}-${issue.field}`}>
                {contentMessage(issue, locale) ?? t('studio.variant.savedIssue', { message: issue.message })}
              </List.Item>
            ))}
          </List>
        ) : check !== null && variant.captionTemplate.trim() !== '' ? (
          <Text size="sm" c="green">
            {t('studio.variant.checkOk')}
          </Text>
        ) : null}
      </div>
      <Preview {...props} />
      <Group>
        <Button variant="subtle" color="red" disabled={disabled} onClick={props.onRemove}>
          {t('studio.variant.remove')}
        </Button>
      </Group>
    </Stack>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/**
 * The post as the network's feed shows it (its `display`): the caption up to where the network folds
 * it behind "more", then a link card (picture in the network's ratio, site, title) or the picture alone.
 */
function Preview(props: VariantPanelProps) {
  const { variant, check, preview, destinationUrl, imageUrl, imageAlt, cardTitle, cardSummary } = props;
  const { t } = useTranslation();
  const network = findNetwork(variant.network);
  const color = network?.brand.color ?? 'gray';
  const display = network?.display ?? null;
  const caption = preview || variant.captionTemplate || t('studio.variant.emptyCaption');
  const folded = display ? foldCaption(caption, display) : { visible: caption, folded: false };
  const picture = imageUrl ? (
    <Box style={{ aspectRatio: display ? imageAspectRatio(display) : undefined, overflow: 'hidden' }}>
      <Image src={imageUrl} alt={imageAlt} h="100%" w="100%" fit="cover" data-testid="preview-image" />
    </Box>
  ) : null;
  const linkCard = display?.shows === 'link_card' && destinationUrl;
  return (
    <Card
      withBorder
      radius="md"
      padding="sm"
      aria-label={t('studio.variant.preview')}
      data-testid="caption-preview"
      data-shows={display?.shows}
      style={{ borderTop: `4px solid ${color}`, maxWidth: 520 }}
    >
      <Text size="xs" fw={700} c="dimmed">
        {network?.label ?? variant.network} · {t('studio.variant.preview')}
        {check?.preview ? ` · ${t(`studio.variant.previewKind.${check.preview.kind}`)}` : ''}
      </Text>
      {display ? (
        <Text size="xs" c="dimmed">
          {t(`studio.variant.shows.${display.shows}`)}
          {display.captionFold !== null
            ? ` · ${t('studio.variant.foldHint', { count: display.captionFold })}`
            : ''}
        </Text>
      ) : null}
      {display?.shows === 'image' ? <Box mt="xs">{picture}</Box> : null}
      {variant.title ? (
        <Text fw={600} mt={4} style={{ overflowWrap: 'anywhere' }}>
          {variant.title}
        </Text>
      ) : null}
      <Text
        size="sm"
        mt={4}
        style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
        data-testid="caption-preview-text"
        data-folded={folded.folded ? 'true' : 'false'}
      >
        {folded.visible}
        {folded.folded ? (
          <Text span size="sm" c="dimmed" fw={600}>
            {' '}
            … {t('studio.variant.more')}
          </Text>
        ) : null}
      </Text>
      {linkCard ? (
        <Card withBorder radius="sm" padding={0} mt="xs" data-testid="preview-link-card">
          {picture}
          <Stack gap={2} p="xs">
            <Text size="xs" c="dimmed" tt="uppercase" style={{ overflowWrap: 'anywhere' }}>
              {hostOf(destinationUrl)}
            </Text>
            {cardTitle ? (
              <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                {cardTitle}
              </Text>
            ) : null}
            {cardSummary ? (
              <Text size="xs" c="dimmed" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
                {cardSummary}
              </Text>
            ) : null}
          </Stack>
        </Card>
      ) : display?.shows !== 'image' && picture ? (
        <Box mt="xs">{picture}</Box>
      ) : null}
    </Card>
  );
}
