import { Anchor, Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../app/i18n/format';
import type { MyShare } from '../types';

type Verification = NonNullable<MyShare['verification']>;
type Engagement = NonNullable<MyShare['engagement']>;

/**
 * Whether the post a share made on a connected account was found: "verified" linking to the post,
 * "not found yet" while Heimo still looks (48 hours), "not verified" after, "post deleted". Nothing
 * for a share on a network the member had not connected.
 */
export function VerificationBadge({ verification }: { verification: Verification | null }) {
  const { t } = useTranslation();
  if (!verification) return null;
  if (verification.postDeleted)
    return (
      <Badge color="gray" variant="light" title={t('impact.verification.deletedHint')}>
        {t('impact.verification.deleted')}
      </Badge>
    );
  if (verification.status === 'verified' && verification.postUrl)
    return (
      <Anchor
        href={verification.postUrl}
        target="_blank"
        rel="noopener noreferrer"
        aria-label={t('impact.verification.verifiedLabel')}
        style={{ display: 'inline-flex', alignItems: 'center', minHeight: 44 }}
      >
        <Badge color="teal" variant="light" style={{ cursor: 'pointer' }}>
          {t('impact.verification.verified')}
        </Badge>
      </Anchor>
    );
  if (verification.status === 'pending')
    return (
      <Badge color="yellow" variant="light" title={t('impact.verification.pendingHint')}>
        {t('impact.verification.pending')}
      </Badge>
    );
  return (
    <Badge color="red" variant="light" title={t('impact.verification.unverifiedHint')}>
      {t('impact.verification.unverified')}
    </Badge>
  );
}

/** The verified post's likes, reposts, replies and quotes at the latest collection. */
export function EngagementLine({ engagement }: { engagement: Engagement | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!engagement) return null;
  return (
    <Group gap={4} wrap="wrap">
      <Text size="sm" fw={600} data-testid="share-engagement">
        {t('impact.engagement.total', { count: engagement.total })}
      </Text>
      <Text size="sm" c="dimmed">
        {t('impact.engagement.parts', {
          likes: format.integer(engagement.likes),
          reposts: format.integer(engagement.reposts),
          replies: format.integer(engagement.replies),
          quotes: format.integer(engagement.quotes),
        })}
      </Text>
    </Group>
  );
}
