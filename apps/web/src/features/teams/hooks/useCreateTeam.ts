import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { SaveTeamBody } from '../../../api/types';
import { teamsQueryKey } from './useTeams';

export function useCreateTeam() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SaveTeamBody) => unwrap(api.POST('/api/teams', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: teamsQueryKey }),
  });
}
