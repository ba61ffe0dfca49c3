import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../app/i18n/format';
import type { TrainingItem } from '../types';

/** What the status means for this module, with its dates in the member's language. */
export function StatusLine({ item }: { item: TrainingItem }) {
  const { t } = useTranslation();
  const format = useFormat();
  const date = (value: string | null) => (value ? format.shortDate(new Date(value)) : '');
  let line: string;
  switch (item.status) {
    case 'passed':
      line = item.validUntil
        ? t(`training.detail.passedUntil.${item.kind}`, {
            date: date(item.passedAt),
            until: date(item.validUntil),
          })
        : t(`training.detail.passed.${item.kind}`, { date: date(item.passedAt) });
      break;
    case 'failed':
      line = t('training.detail.failed');
      break;
    case 'expired':
      line = t('training.detail.expired', { date: date(item.validUntil) });
      break;
    case 'outdated':
      line = t('training.detail.outdated', { version: item.currentVersion });
      break;
    case 'not_started':
      line = item.validityDays
        ? t('training.detail.notStartedValidity', { count: item.validityDays })
        : t('training.detail.notStarted');
      break;
  }
  return (
    <Text size="sm" c="dimmed" mt="xs">
      {line}
    </Text>
  );
}
