import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { TrainingModule, TrainingModulePage } from '../types';

export const trainingModulesQueryKey = ['training-modules'] as const;

/** Every module of the organisation, oldest first, following the cursor (modules are few). */
export function useTrainingModules() {
  return useQuery({
    queryKey: trainingModulesQueryKey,
    queryFn: async (): Promise<TrainingModule[]> => {
      const modules: TrainingModule[] = [];
      let cursor: string | null = null;
      do {
        const page: TrainingModulePage = await unwrap(
          api.GET('/api/training-modules', {
            params: { query: { limit: 100, ...(cursor ? { cursor } : {}) } },
          }),
        );
        modules.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return modules;
    },
  });
}
