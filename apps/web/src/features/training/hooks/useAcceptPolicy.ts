import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { trainingQueryKey } from './useMyTraining';

/** Accepts the version the member read; a newer one answers 409 and the module reloads. */
export function useAcceptPolicy(moduleId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (version: number) =>
      unwrap(
        api.POST('/api/training/{moduleId}/accept', {
          params: { path: { moduleId } },
          body: { version },
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: trainingQueryKey }),
  });
}
