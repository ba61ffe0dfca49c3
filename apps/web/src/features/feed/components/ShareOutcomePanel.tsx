import { Alert, Button, CopyButton, List, Stack, Text } from '@mantine/core';
import type { ManualShareStep } from '@heimo/domain';
import { useTranslation } from 'react-i18next';
import { networkLabel } from '../../profile/components/NetworkMark';
import type { ShareOutcome } from '../hooks/useShareFlow';

/** What happened after a share and what is left to do by hand, said plainly. */
export function ShareOutcomePanel({ outcome, imageUrl }: { outcome: ShareOutcome; imageUrl: string | null }) {
  const { t } = useTranslation();
  const { share, copied, opened } = outcome;
  const { action } = share;
  const network = networkLabel(share.network);
  const mediaUrl = action.kind === 'manual' ? (action.mediaUrl ?? imageUrl) : null;

  return (
    <Alert
      color="teal"
      variant="light"
      radius="md"
      role="status"
      title={t('feed.outcome.title', { network })}
    >
      <Stack gap="xs">
        {copied === true ? <Text size="sm">{t('feed.outcome.copied')}</Text> : null}
        {copied === false ? <Text size="sm">{t('feed.outcome.copyFailed')}</Text> : null}
        {action.kind === 'intent' ? (
          <Text size="sm">{opened ? t('feed.outcome.opened', { network }) : t('feed.outcome.blocked')}</Text>
        ) : (
          <>
            <Text size="sm">{t('feed.outcome.manual', { network })}</Text>
            <List type="ordered" size="sm" spacing={4}>
              {action.steps.map((step: ManualShareStep) => (
                <List.Item key={step}>{t(`feed.steps.${step}`, { network })}</List.Item>
              ))}
            </List>
          </>
        )}
        <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {t('feed.outcome.trackedLink', { url: share.trackedUrl })}
        </Text>
        <Stack gap="xs">
          {action.kind === 'intent' && !opened ? (
            <Button
              component="a"
              href={action.url}
              target="_blank"
              rel="noopener noreferrer"
              variant="filled"
            >
              {t('feed.outcome.open', { network })}
            </Button>
          ) : null}
          {mediaUrl ? (
            // Downloads where the media shares the app's address; elsewhere it opens to be saved by hand.
            <Button component="a" href={mediaUrl} download target="_blank" rel="noopener" variant="light">
              {t('feed.outcome.downloadImage')}
            </Button>
          ) : null}
          {action.kind === 'manual' && action.openUrl ? (
            <Button
              component="a"
              href={action.openUrl}
              target="_blank"
              rel="noopener noreferrer"
              variant="light"
            >
              {t('feed.outcome.open', { network })}
            </Button>
          ) : null}
          {action.clipboardText !== null || copied === false ? (
            <CopyButton value={action.clipboardText ?? share.text}>
              {({ copied: done, copy }) => (
                <Button variant="default" onClick={copy}>
                  {done ? t('common.copied') : t('feed.outcome.copyAgain')}
                </Button>
              )}
            </CopyButton>
          ) : null}
        </Stack>
      </Stack>
    </Alert>
  );
}
