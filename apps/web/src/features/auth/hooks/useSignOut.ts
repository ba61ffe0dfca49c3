import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { clearDrafts } from '../../../app/drafts';
import { clearOfflineData } from '../../../app/offline';
import { meQueryKey } from './useMe';

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/auth/logout')),
    onSuccess: () => {
      // Nothing of the previous member may stay in memory, nor in this tab's storage.
      queryClient.clear();
      queryClient.setQueryData(meQueryKey, null);
      clearDrafts();
      // Nor in what the installed app keeps for reading offline.
      void clearOfflineData();
    },
  });
}
