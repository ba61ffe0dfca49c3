import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PackState } from '../types';

const colors: Record<PackState, string> = {
  draft: 'gray',
  in_review: 'yellow',
  approved: 'blue',
  published: 'green',
  expired: 'orange',
  archived: 'dark',
};

export function PackStatusBadge({ status }: { status: PackState }) {
  const { t } = useTranslation();
  return (
    <Badge color={colors[status]} variant="light">
      {t(`studio.state.${status}`)}
    </Badge>
  );
}
