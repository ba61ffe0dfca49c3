import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';

/** Who the invitation is for and from which organisation; the token itself stays unused. */
export function useInvitationPreview(token: string) {
  return useQuery({
    queryKey: ['invitation-preview', token],
    queryFn: () => unwrap(api.POST('/api/invitations/preview', { body: { token } })),
    retry: false,
    staleTime: Infinity,
  });
}
