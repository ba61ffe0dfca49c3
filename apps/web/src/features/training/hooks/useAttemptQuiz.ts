import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { Answer } from '../types';
import { trainingQueryKey } from './useMyTraining';

/** Sends the answers; the server scores them and the status, list and readiness follow. */
export function useAttemptQuiz(moduleId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (answers: Answer[]) =>
      unwrap(
        api.POST('/api/training/{moduleId}/attempts', {
          params: { path: { moduleId } },
          body: { answers },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trainingQueryKey }),
  });
}
