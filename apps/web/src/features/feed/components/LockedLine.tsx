import { Anchor, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Readiness } from '../types';

/** Under a locked share button: the training modules that unlock it, each a link to its module. */
export function LockedLine({ blocking }: { blocking: Readiness['blocking'] }) {
  const { t } = useTranslation();
  if (blocking.length === 0)
    return (
      <Text size="xs" c="dimmed">
        {t('feed.locked.short')}
      </Text>
    );
  return (
    <Group gap={4} wrap="wrap" align="center">
      <Text size="xs" c="dimmed">
        {t('feed.locked.finish', { count: blocking.length })}
      </Text>
      {blocking.map((block) => (
        <Anchor
          key={block.moduleId}
          component={Link}
          to={`/training/${block.moduleId}`}
          size="sm"
          fw={600}
          mih={44}
          miw={44}
          px={4}
          style={{ display: 'inline-flex', alignItems: 'center', overflowWrap: 'anywhere' }}
        >
          {block.title}
        </Anchor>
      ))}
    </Group>
  );
}
