import { Outlet } from 'react-router';
import type { Role } from '../../../api/types';
import { NotFoundPage } from '../../../app/shell/NotFoundPage';
import { useMember } from '../hooks/useMember';

/** Pages of one role: anyone else sees "not found", as the navigation never offered them the link. */
export function RequireRole({ role }: { role: Role }) {
  const member = useMember();
  return member.roles.includes(role) ? <Outlet /> : <NotFoundPage />;
}
