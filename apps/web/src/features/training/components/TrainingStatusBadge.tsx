import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TrainingStatus } from '../types';

const colours: Record<TrainingStatus, string> = {
  not_started: 'gray',
  passed: 'teal',
  failed: 'red',
  expired: 'orange',
  outdated: 'yellow',
};

export function TrainingStatusBadge({ status }: { status: TrainingStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={colours[status]} variant="light" radius="sm" tt="none">
      {t(`training.statuses.${status}`)}
    </Badge>
  );
}
