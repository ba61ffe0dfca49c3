import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { InviteBody } from '../../../api/types';
import { peopleQueryKey } from './usePeople';

export function useInvitePerson() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: InviteBody) => unwrap(api.POST('/api/people/invitations', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: peopleQueryKey }),
  });
}
