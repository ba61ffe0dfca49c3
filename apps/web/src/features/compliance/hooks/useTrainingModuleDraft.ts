import type { TrainingContent, TrainingKind } from '@heimo/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { components } from '../../../api/schema';
import type { TrainingModule } from '../types';
import { trainingModulesQueryKey } from './useTrainingModules';

export const trainingModuleQueryKey = (moduleId: string) => ['training-modules', moduleId] as const;

/** One module with its draft and answer keys (curators and admins); none for a new module. */
export function useTrainingModuleDraft(moduleId: string | undefined) {
  return useQuery({
    queryKey: trainingModuleQueryKey(moduleId ?? ''),
    enabled: Boolean(moduleId),
    queryFn: () =>
      unwrap(api.GET('/api/training-modules/{moduleId}', { params: { path: { moduleId: moduleId ?? '' } } })),
  });
}

type Body = TrainingContent & { kind: TrainingKind };
type Schemas = components['schemas'];

/** Drafts a new module, or replaces the draft at the revision it was loaded at (409 when stale). */
export function useSaveTrainingModule(module: TrainingModule | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, ...content }: Body): Promise<TrainingModule> =>
      module
        ? unwrap(
            api.PUT('/api/training-modules/{moduleId}', {
              params: { path: { moduleId: module.id } },
              body: { ...content, revision: module.revision } as Schemas['UpdateTrainingModuleDto'],
            }),
          )
        : unwrap(
            api.POST('/api/training-modules', {
              body: { kind, ...content } as Schemas['CreateTrainingModuleDto'],
            }),
          ),
    onSuccess: (saved) => {
      queryClient.setQueryData(trainingModuleQueryKey(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: trainingModulesQueryKey, exact: true });
    },
  });
}

/** Publishes the saved draft as the next version: a material change or a correction. */
export function usePublishTrainingModule(module: TrainingModule | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (material: boolean): Promise<TrainingModule> => {
      if (!module) throw new Error('Save the module before publishing it');
      return unwrap(
        api.POST('/api/training-modules/{moduleId}/publish', {
          params: { path: { moduleId: module.id } },
          body: { material, revision: module.revision },
        }),
      );
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(trainingModuleQueryKey(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: ['training-modules'] });
      void queryClient.invalidateQueries({ queryKey: ['training'] });
    },
  });
}
