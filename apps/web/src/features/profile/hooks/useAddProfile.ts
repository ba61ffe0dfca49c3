import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { CreateProfileBody } from '../types';
import { profilesQueryKey } from './useProfiles';

export function useAddProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateProfileBody) => unwrap(api.POST('/api/me/profiles', { body })),
    // A taken network (409) means the list is out of date too.
    onSettled: () => queryClient.invalidateQueries({ queryKey: profilesQueryKey }),
  });
}
