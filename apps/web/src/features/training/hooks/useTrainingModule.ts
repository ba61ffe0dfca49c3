import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { trainingQueryKey } from './useMyTraining';

/** One module to take, in the member's locale, with its quiz but never its answer key. */
export function useTrainingModule(moduleId: string) {
  return useQuery({
    queryKey: [...trainingQueryKey, 'module', moduleId],
    queryFn: () => unwrap(api.GET('/api/training/{moduleId}', { params: { path: { moduleId } } })),
  });
}
