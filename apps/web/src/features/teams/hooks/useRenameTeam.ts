import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { peopleQueryKey } from '../../people/hooks/usePeople';
import { teamsQueryKey } from './useTeams';

export function useRenameTeam() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ teamId, name }: { teamId: string; name: string }) =>
      unwrap(api.PATCH('/api/teams/{teamId}', { params: { path: { teamId } }, body: { name } })),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: teamsQueryKey }),
        queryClient.invalidateQueries({ queryKey: peopleQueryKey }),
      ]),
  });
}
