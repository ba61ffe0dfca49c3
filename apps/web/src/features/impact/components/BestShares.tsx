import { Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../app/i18n/format';
import { NetworkMark, networkLabel } from '../../profile/components/NetworkMark';
import type { BestShare } from '../types';
import { EngagementLine, VerificationBadge } from './VerificationBadge';

/** The period's shares that brought the most clicks. */
export function BestShares({ shares }: { shares: readonly BestShare[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (shares.length === 0) return null;
  return (
    <Stack gap="sm" component="section" aria-labelledby="impact-best">
      <Title order={2} fz="h4" id="impact-best">
        {t('impact.best.heading')}
      </Title>
      <Stack gap="xs" component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
        {shares.map((share) => (
          <Paper key={share.shareId} withBorder radius="md" p="sm" component="li">
            <Group gap="sm" wrap="nowrap" align="flex-start">
              <NetworkMark network={share.network} size={32} />
              <Stack gap={2} miw={0} style={{ flex: 1 }}>
                <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {share.packTitle}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('impact.sharedOn', {
                    network: networkLabel(share.network),
                    date: format.shortDate(new Date(share.createdAt)),
                  })}
                </Text>
                <Text size="sm">
                  {t('impact.best.figures', {
                    clicks: format.integer(share.clicks),
                    reach: format.integer(share.reach),
                    points: format.integer(share.points),
                  })}
                </Text>
                {share.verification ? (
                  <Group gap="xs">
                    <VerificationBadge verification={share.verification} />
                  </Group>
                ) : null}
                <EngagementLine engagement={share.engagement} />
              </Stack>
            </Group>
          </Paper>
        ))}
      </Stack>
    </Stack>
  );
}
