import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { clearDrafts } from '../../../app/drafts';
import { clearOfflineData } from '../../../app/offline';
import { meQueryKey } from './useMe';

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    // Ends the Heimo session as /api/auth/logout does, and answers the identity provider's sign-out
    // address when the member signed in through one.
    mutationFn: () => unwrap(api.POST('/api/auth/sso/logout')),
    onSuccess: ({ endSessionUrl }) => {
      // Nothing of the previous member may stay in memory, nor in this tab's storage.
      queryClient.clear();
      queryClient.setQueryData(meQueryKey, null);
      clearDrafts();
      // Nor in what the installed app keeps for reading offline; then off to the provider, if any.
      void clearOfflineData().finally(() => {
        if (endSessionUrl) window.location.assign(endSessionUrl);
      });
    },
  });
}
