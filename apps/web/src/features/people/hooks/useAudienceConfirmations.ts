import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';

export const audienceConfirmationsKey = ['audience-confirmations'] as const;

/** Reported audiences waiting for an admin's confirmation, oldest first. */
export function useAudienceConfirmations() {
  return useQuery({
    queryKey: audienceConfirmationsKey,
    queryFn: () => unwrap(api.GET('/api/audience-confirmations')),
    staleTime: 0,
  });
}

/** Confirms the reported size the admin saw; a changed report (409) reloads the list. */
export function useConfirmAudience() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ profileId, audienceSize }: { profileId: string; audienceSize: number }) =>
      unwrap(
        api.POST('/api/audience-confirmations/{profileId}', {
          params: { path: { profileId } },
          body: { audienceSize },
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: audienceConfirmationsKey }),
  });
}
