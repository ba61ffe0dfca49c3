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

/**
 * A member whose name, e-mail and status the identity provider keeps (provisioned through SCIM, or
 * created at a single sign-on): People shows it and does not offer to change them.
 */
export function ManagedBadge({ managedBy }: { managedBy: 'scim' | 'sso' | null }) {
  const { t } = useTranslation();
  if (!managedBy) return null;
  return (
    <Badge color="indigo" variant="outline" radius="sm" tt="none">
      {t(`people.managed.${managedBy}`)}
    </Badge>
  );
}
