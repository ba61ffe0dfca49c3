import { Alert, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Readiness } from '../types';

/** Sharing is locked: exactly which training modules to finish, each a tap away. */
export function LockedBanner({ readiness }: { readiness: Readiness }) {
  const { t } = useTranslation();
  return (
    <Alert
      color="orange"
      variant="light"
      radius="md"
      title={t('feed.locked.title')}
      role="status"
      aria-live="polite"
    >
      <Text size="sm" mb="sm">
        {t('feed.locked.body', { count: readiness.blocking.length })}
      </Text>
      <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {readiness.blocking.map((block) => (
          <li key={block.moduleId}>
            <Paper
              component={Link}
              to={`/training/${block.moduleId}`}
              withBorder
              radius="md"
              px="md"
              py="xs"
              mih={44}
              display="block"
              style={{ textDecoration: 'none', color: 'inherit' }}
            >
              <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
                {block.title}
              </Text>
              <Text size="xs" c="dimmed">
                {isBlockStatus(block.status)
                  ? t(`training.blocks.${block.status}`)
                  : t('feed.locked.unfinished')}
              </Text>
            </Paper>
          </li>
        ))}
      </Stack>
    </Alert>
  );
}

const blockStatuses = ['not_started', 'failed', 'expired', 'outdated'] as const;
type BlockStatus = (typeof blockStatuses)[number];

function isBlockStatus(status: string): status is BlockStatus {
  return (blockStatuses as readonly string[]).includes(status);
}
