import { Outlet } from 'react-router';
import type { Role } from '../../../api/types';
import { NotFoundPage } from '../../../app/shell/NotFoundPage';
import { useMember } from '../hooks/useMember';

/** Pages of one role, or of any of several: anyone else sees "not found", as the navigation never offered them the link. */
export function RequireRole({ role }: { role: Role | readonly Role[] }) {
  const member = useMember();
  const allowed: readonly Role[] = typeof role === 'string' ? [role] : role;
  return allowed.some((candidate) => member.roles.includes(candidate)) ? <Outlet /> : <NotFoundPage />;
}
