import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { UpdateProfileBody } from '../types';
import { profilesQueryKey } from './useProfiles';

export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ profileId, body }: { profileId: string; body: UpdateProfileBody }) =>
      unwrap(api.PATCH('/api/me/profiles/{profileId}', { params: { path: { profileId } }, body })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: profilesQueryKey }),
  });
}
