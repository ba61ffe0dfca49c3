import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PersonStatus } from '../../../api/types';

const colours: Record<PersonStatus, string> = { invited: 'yellow', active: 'teal', deactivated: 'gray' };

export function PersonStatusBadge({ status }: { status: PersonStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={colours[status]} variant="light" radius="sm" tt="none">
      {t(`people.statuses.${status}`)}
    </Badge>
  );
}
