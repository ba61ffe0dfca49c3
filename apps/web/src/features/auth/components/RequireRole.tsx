import { Outlet } from 'react-router';
import type { Role } from '../../../api/types';
import { NotAllowedPage } from '../../../app/shell/NotAllowedPage';
import { useMember } from '../hooks/useMember';

/** Pages of one role, or of any of several: anyone else is told the page is not for their role. */
export function RequireRole({ role }: { role: Role | readonly Role[] }) {
  const member = useMember();
  const allowed: readonly Role[] = typeof role === 'string' ? [role] : role;
  return allowed.some((candidate) => member.roles.includes(candidate)) ? <Outlet /> : <NotAllowedPage />;
}
