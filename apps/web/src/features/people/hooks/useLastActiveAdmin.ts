import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { Person } from '../../../api/types';
import { peopleQueryKey } from './usePeople';

/**
 * Whether the person is the organisation's only active admin, whom the API keeps (409
 * `member.last_admin`): the dialog says so beside the controls instead of letting the click fail.
 * Asks for two active admins at most, under the people key so every change of people re-asks.
 */
export function useLastActiveAdmin(person: Person | undefined): boolean {
  const candidate = person?.status === 'active' && person.roles.includes('admin');
  const admins = useQuery({
    queryKey: [...peopleQueryKey, 'active-admins'],
    queryFn: () =>
      unwrap(api.GET('/api/people', { params: { query: { role: 'admin', status: 'active', limit: 2 } } })),
    enabled: candidate,
  });
  if (!candidate || !admins.data) return false;
  const [only, ...others] = admins.data.items;
  return others.length === 0 && only?.id === person.id;
}
