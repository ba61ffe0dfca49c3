import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { peopleQueryKey } from '../../people/hooks/usePeople';
import { teamsQueryKey } from './useTeams';

export function useDeleteTeam() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (teamId: string) =>
      unwrap(api.DELETE('/api/teams/{teamId}', { params: { path: { teamId } } })),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: teamsQueryKey }),
        queryClient.invalidateQueries({ queryKey: peopleQueryKey }),
      ]),
  });
}
