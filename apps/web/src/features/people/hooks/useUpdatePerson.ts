import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { UpdatePersonBody } from '../../../api/types';
import { teamsQueryKey } from '../../teams/hooks/useTeams';
import { peopleQueryKey } from './usePeople';

export function useUpdatePerson() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ memberId, body }: { memberId: string; body: UpdatePersonBody }) =>
      unwrap(api.PATCH('/api/people/{memberId}', { params: { path: { memberId } }, body })),
    // A stale version (409) also means the list is out of date: reload it either way.
    onSettled: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: peopleQueryKey }),
        queryClient.invalidateQueries({ queryKey: teamsQueryKey }),
      ]);
    },
  });
}
