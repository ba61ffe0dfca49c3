import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { profilesQueryKey } from './useProfiles';

export function useRemoveProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (profileId: string) =>
      unwrap(api.DELETE('/api/me/profiles/{profileId}', { params: { path: { profileId } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: profilesQueryKey }),
  });
}
