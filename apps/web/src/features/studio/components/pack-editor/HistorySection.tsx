import { Paper, Text, Timeline, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Pack } from '../../types';

/** Every state change and edit of the pack, who made it and when, with a reviewer's comment. */
export function HistorySection({ pack }: { pack: Pack }) {
  const { t, i18n } = useTranslation();
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} fz="h4" mb="sm">
        {t('studio.history.heading')}
      </Title>
      <Timeline bulletSize={14} lineWidth={2} aria-label={t('studio.history.heading')}>
        {pack.transitions.map((step) => (
          <Timeline.Item
            key={step.id}
            title={
              step.action === 'edit' && step.from !== step.to
                ? t('studio.history.editBack')
                : t(`studio.history.${step.action}`)
            }
          >
            <Text size="xs" c="dimmed">
              {new Date(step.at).toLocaleString(i18n.language)} ·{' '}
              {step.actorName ?? t('studio.history.system')}
            </Text>
            {step.comment ? (
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                “{step.comment}”
              </Text>
            ) : null}
          </Timeline.Item>
        ))}
      </Timeline>
    </Paper>
  );
}
