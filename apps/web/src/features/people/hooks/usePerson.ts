import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { peopleQueryKey } from './usePeople';

/** One person, fresh, for editing (under the people key, so every people change reloads it). */
export function usePerson(memberId: string | null) {
  return useQuery({
    queryKey: [...peopleQueryKey, 'detail', memberId],
    queryFn: () =>
      unwrap(api.GET('/api/people/{memberId}', { params: { path: { memberId: memberId ?? '' } } })),
    enabled: memberId !== null,
  });
}
