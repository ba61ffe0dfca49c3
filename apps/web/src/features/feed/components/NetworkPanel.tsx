import { Alert, Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { LINK_TOKEN, type ComplianceSettings } from '@heimo/content';
import { effectiveSharing, findNetwork } from '@heimo/domain';
import { lazy, Suspense, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { brandFill } from '../../../app/contrast';
import { useFormat } from '../../../app/i18n/format';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { useMember } from '../../auth/hooks/useMember';
import { networkLabel } from '../../profile/components/NetworkMark';
import { connectionServer, useConnections } from '../../profile/hooks/useConnections';
import { useCaptionDraft } from '../hooks/useCaptionDraft';
import { useCaptionValidator } from '../hooks/useCaptionValidator';
import { useInView } from '../hooks/useInView';
import { useMakeShare } from '../hooks/useShare';
import { useShareFlow } from '../hooks/useShareFlow';
import { usesShareSheet, useShareSheet } from '../hooks/useShareSheet';
import type { FeedItem, FeedVariant, Readiness, SharingRules } from '../types';
import { CaptionCheckView } from './CaptionCheckView';
import { LockedLine } from './LockedLine';
import { ShareOutcomePanel } from './ShareOutcomePanel';

// Its own chunk: only cards that offer it load it.
const PostForMe = lazy(() => import('./PostForMe'));

interface NetworkPanelProps {
  item: FeedItem;
  variant: FeedVariant;
  mayShare: boolean;
  /** The training modules that keep sharing locked, linked under the button. */
  blocking?: Readiness['blocking'];
  rules: SharingRules | undefined;
  /** The card's open tab: only it prepares a share for the phone's share sheet. */
  active?: boolean;
}

/** One network of a pack: its caption (editable where the pack allows), the live check and the share button. */
export function NetworkPanel({
  item,
  variant,
  mayShare,
  blocking = [],
  rules,
  active = true,
}: NetworkPanelProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const [text, setText, forgetDraft] = useCaptionDraft(item.packId, variant.network, variant.caption);
  const flow = useShareFlow();
  useEffect(() => {
    if (flow.outcome) forgetDraft(); // shared: the edit is no longer unsaved
  }, [flow.outcome, forgetDraft]);
  const validator = useCaptionValidator();
  // The caption must carry the disclosure of the advocate's own kind (employee or fan).
  const { kind } = useMember();
  const network = findNetwork(variant.network);
  const label = networkLabel(variant.network);
  const editable = item.allowCaptionEdit;
  const edited = editable && text !== variant.caption;
  // A network whose share page is on the member's own server needs the server of their connection.
  const onServer = network?.sharing.mode === 'manual' && network.sharing.onServer !== undefined;
  // "Post for me" is offered when the organisation allows it and the network is connected.
  const connections = useConnections(onServer || rules?.postForMe === true);
  const connection = connections.data?.find((entry) => entry.network === variant.network)?.connection;
  const server = onServer ? connectionServer(connection) : null;
  const postForMe = rules?.postForMe === true && connection?.status === 'active';
  const makeShare = useMakeShare();
  const manual = network ? effectiveSharing(network.id, server).mode === 'manual' : false;
  const captionId = `caption-${item.packId}-${variant.network}`;
  const checkId = `${captionId}-check`;

  // The check (and its counter) appears once editing starts: its code loads on the caption's focus.
  const { validate } = validator;
  const check = useMemo(() => {
    if (!validate || !rules || !network) return null;
    const settings: ComplianceSettings = rules.compliance;
    return validate({
      networkId: network.id,
      text,
      settings,
      kind,
      packHasLink: item.destinationUrl !== null,
      baseUrl: rules.linkBaseUrl,
      title: variant.title,
      media: variant.media,
    });
  }, [validate, rules, network, text, kind, item.destinationUrl, variant.title, variant.media]);

  const failsCheck = edited && check !== null && !check.ok;
  // An edited caption waits for its check; if the check cannot load, the API still checks it.
  const blockedByCheck = failsCheck || (edited && validator.state === 'loading');
  const imageUrl = [...variant.media, ...item.media].find((media) => media.kind === 'image')?.url ?? null;

  const body = useMemo(
    () => ({ packId: item.packId, network: variant.network, ...(edited ? { caption: text } : {}) }),
    [item.packId, variant.network, edited, text],
  );
  const share = () => flow.start(body, server);

  // On a phone, networks that refuse a prefilled caption or are about the picture (and any network
  // when the pack has media) share through the system sheet, prepared while the card is in view.
  const packHasMedia = variant.media.length > 0 || item.media.length > 0;
  const viaSheet = usesShareSheet(variant.network, packHasMedia, server);
  const panel = useRef<HTMLDivElement>(null);
  const inView = useInView(panel, viaSheet && active);
  const sheet = useShareSheet(body, viaSheet && active && inView && mayShare && !blockedByCheck);

  return (
    <Stack gap="sm" pt="sm" ref={panel}>
      {editable ? (
        <Textarea
          id={captionId}
          label={t('feed.caption.label', { network: label })}
          description={variant.caption.includes(LINK_TOKEN) ? t('feed.caption.hint') : undefined}
          autosize
          minRows={4}
          value={text}
          error={check && check.remaining < 0 ? t('feed.caption.tooLong') : undefined}
          aria-describedby={checkId}
          onFocus={validator.load}
          onChange={(event) => {
            validator.load();
            setText(event.currentTarget.value);
          }}
        />
      ) : (
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('feed.caption.label', { network: label })}
          </Text>
          <Paper withBorder radius="sm" p="sm">
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {variant.caption}
            </Text>
          </Paper>
          <Text size="xs" c="dimmed">
            {t('feed.caption.locked')}
          </Text>
        </Stack>
      )}
      {check ? <CaptionCheckView check={check} id={checkId} /> : null}
      {edited ? (
        <Group>
          <Button variant="subtle" onClick={() => setText(variant.caption)}>
            {t('feed.caption.undo')}
          </Button>
        </Group>
      ) : null}

      {variant.shared ? (
        <Text size="sm" c="teal" fw={600}>
          {variant.lastSharedAt
            ? t('feed.sharedAt', { network: label, date: format.dateTime(new Date(variant.lastSharedAt)) })
            : t('feed.shared', { network: label })}
        </Text>
      ) : null}

      {/* Before the advocate shares again: whether this share would earn share points and reach. */}
      {!variant.credit.willCredit ? (
        <Alert color="yellow" variant="light" role="status" data-testid="credit-notice">
          <Text size="sm">
            {variant.credit.reason === 'daily_cap' && variant.credit.creditResumesAt
              ? t('feed.credit.dailyCap', {
                  network: label,
                  date: format.dateTime(new Date(variant.credit.creditResumesAt)),
                })
              : t('feed.credit.repeat', { network: label })}
          </Text>
        </Alert>
      ) : null}

      {flow.error && !flow.pending ? (
        <ProblemAlert error={flow.error} title={t('feed.shareFailed', { network: label })}>
          <Button
            variant="light"
            color="red"
            mt="sm"
            onClick={share}
            disabled={!mayShare}
            aria-label={t('feed.retryShare', { network: label })}
          >
            {t('common.retry')}
          </Button>
        </ProblemAlert>
      ) : null}
      {flow.outcome ? <ShareOutcomePanel outcome={flow.outcome} imageUrl={imageUrl} /> : null}
      {viaSheet ? <ShareSheetStatus sheet={sheet} network={label} mayShare={mayShare} /> : null}

      {viaSheet ? (
        <Button
          size="md"
          color={brandFill(network?.brand.color, 'indigo')}
          autoContrast
          fullWidth
          loading={
            mayShare &&
            !blockedByCheck &&
            ((!sheet.ready && !sheet.prepareError) || sheet.status === 'confirming')
          }
          disabled={!mayShare || blockedByCheck || !sheet.ready}
          onClick={sheet.open}
        >
          {variant.shared ? t('feed.shareAgain', { network: label }) : t('feed.share', { network: label })}
        </Button>
      ) : (
        <Button
          size="md"
          color={brandFill(network?.brand.color, 'indigo')}
          autoContrast
          fullWidth
          loading={flow.pending}
          disabled={!mayShare || blockedByCheck}
          onClick={share}
        >
          {manual
            ? t('feed.copyFor', { network: label })
            : variant.shared
              ? t('feed.shareAgain', { network: label })
              : t('feed.share', { network: label })}
        </Button>
      )}
      {postForMe ? (
        <Suspense fallback={null}>
          <PostForMe
            body={body}
            network={label}
            enabled={mayShare && !blockedByCheck}
            makeShare={makeShare}
          />
        </Suspense>
      ) : null}
      {!mayShare ? (
        <LockedLine blocking={blocking} />
      ) : failsCheck ? (
        <Text size="xs" c="red">
          {t('feed.caption.fixFirst')}
        </Text>
      ) : null}
    </Stack>
  );
}

/** What the share sheet did: recorded, cancelled, refused, or shared but not yet recorded. */
function ShareSheetStatus({
  sheet,
  network,
  mayShare,
}: {
  sheet: ReturnType<typeof useShareSheet>;
  network: string;
  mayShare: boolean;
}) {
  const { t } = useTranslation();
  if (sheet.prepareError) {
    return (
      <ProblemAlert error={sheet.prepareError} title={t('feed.sheet.prepareFailed', { network })}>
        <Button
          variant="light"
          color="red"
          mt="sm"
          onClick={sheet.retryPrepare}
          disabled={!mayShare}
          aria-label={t('feed.retryShare', { network })}
        >
          {t('common.retry')}
        </Button>
      </ProblemAlert>
    );
  }
  switch (sheet.status) {
    case 'done':
      return sheet.share ? (
        <Alert
          color="teal"
          variant="light"
          radius="md"
          role="status"
          title={t('feed.outcome.title', { network })}
        >
          <Stack gap="xs">
            <Text size="sm">{t('feed.sheet.done')}</Text>
            <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
              {t('feed.outcome.trackedLink', { url: sheet.share.trackedUrl })}
            </Text>
          </Stack>
        </Alert>
      ) : null;
    case 'cancelled':
      return (
        <Text size="sm" role="status">
          {t('feed.sheet.cancelled')}
        </Text>
      );
    case 'failed':
      return (
        <Alert color="red" variant="light" role="alert">
          <Text size="sm">{t('feed.sheet.failed', { network })}</Text>
        </Alert>
      );
    case 'unrecorded':
      return (
        <ProblemAlert error={sheet.confirmError} title={t('feed.sheet.unrecorded', { network })}>
          <Button variant="light" color="red" mt="sm" onClick={sheet.retryConfirm}>
            {t('feed.sheet.retryConfirm', { network })}
          </Button>
        </ProblemAlert>
      );
    default:
      return null;
  }
}
