import {
  Anchor,
  Badge,
  Button,
  CopyButton,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Card,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../app/i18n/format';
import { NetworkMark, networkLabel } from '../../profile/components/NetworkMark';
import type { MyShare, MyShareItem } from '../types';
import { EngagementLine, VerificationBadge } from './VerificationBadge';

/** One share with the clicks it brought and its tracked link to copy. */
export function ShareCard({ share }: { share: MyShare & { post?: MyShareItem['post'] } }) {
  const { t } = useTranslation();
  const format = useFormat();
  const label = networkLabel(share.network);
  const titleId = `share-${share.id}`;
  const figures = [
    { key: 'clicks', value: share.clicks, label: t('impact.clicks'), hint: t('impact.clicksHint') },
    {
      key: 'unique',
      value: share.uniqueClicks,
      label: t('impact.uniqueClicks'),
      hint: t('impact.uniqueClicksHint'),
    },
    { key: 'previews', value: share.previews, label: t('impact.previews'), hint: t('impact.previewsHint') },
  ];
  return (
    <Card withBorder radius="md" padding="md" component="li" aria-labelledby={titleId}>
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <NetworkMark network={share.network} />
        <Stack gap={2} miw={0} style={{ flex: 1 }}>
          <Text fw={600} id={titleId} style={{ overflowWrap: 'anywhere' }}>
            {share.packTitle}
          </Text>
          <Text size="sm" c="dimmed">
            {t('impact.sharedOn', { network: label, date: format.dateTime(new Date(share.createdAt)) })}
          </Text>
          {share.verification || share.post ? (
            <Group gap="xs">
              {share.post ? <PostBadge post={share.post} /> : null}
              {share.verification ? <VerificationBadge verification={share.verification} /> : null}
            </Group>
          ) : null}
          <EngagementLine engagement={share.engagement} />
        </Stack>
      </Group>
      <SimpleGrid cols={3} spacing="xs" mt="sm" component="dl" m={0} pt="sm">
        {figures.map((figure) => (
          <Paper key={figure.key} withBorder radius="sm" p="xs" ta="center" title={figure.hint}>
            <Text component="dt" size="xs" c="dimmed">
              {figure.label}
            </Text>
            <Text component="dd" m={0} fw={700} fz="lg" data-testid={`impact-${figure.key}`}>
              {format.integer(figure.value)}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      <Text size="xs" c="dimmed" mt="sm">
        {t('impact.audience', { count: share.audienceSize })}
      </Text>
      <Group gap="xs" mt="xs" wrap="nowrap" align="center">
        <Anchor
          href={share.trackedUrl}
          target="_blank"
          rel="noopener noreferrer"
          size="sm"
          style={{
            overflowWrap: 'anywhere',
            flex: 1,
            minWidth: 0,
            display: 'flex',
            alignItems: 'center',
            minHeight: 44,
          }}
          aria-label={t('impact.trackedLinkLabel', { url: share.trackedUrl })}
        >
          {share.trackedUrl}
        </Anchor>
        <CopyButton value={share.trackedUrl}>
          {({ copied, copy }) => (
            <Button variant="default" size="compact-sm" mih={44} onClick={copy}>
              {copied ? t('common.copied') : t('common.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Card>
  );
}

/** What Heimo's "post for me" did with the share: scheduled (when), posting, posted, failed, cancelled. */
function PostBadge({ post }: { post: NonNullable<MyShareItem['post']> }) {
  const { t } = useTranslation();
  const format = useFormat();
  switch (post.status) {
    case 'scheduled':
      return (
        <Badge color="blue" variant="light" tt="none">
          {t('impact.post.scheduled', { date: format.dateTime(new Date(post.scheduledAt)) })}
        </Badge>
      );
    case 'posting':
      return (
        <Badge color="blue" variant="light" tt="none">
          {t('impact.post.posting')}
        </Badge>
      );
    case 'posted':
      return (
        <Badge color="teal" variant="light" tt="none">
          {t('impact.post.posted')}
        </Badge>
      );
    case 'failed':
      return (
        <Badge color="red" variant="light" tt="none">
          {t('impact.post.failed')}
        </Badge>
      );
    default:
      return (
        <Badge color="gray" variant="light" tt="none">
          {t('impact.post.cancelled')}
        </Badge>
      );
  }
}
