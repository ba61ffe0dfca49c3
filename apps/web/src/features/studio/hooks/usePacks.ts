import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { CreatePackBody, Pack, PackAction, PackPage, PackState, UpdatePackBody } from '../types';

export const packsQueryKey = ['packs'] as const;

/** The first page of packs in one state, optionally searched (newest first). */
export function usePacks(status: PackState, q: string) {
  return useQuery({
    queryKey: [...packsQueryKey, 'list', status, q],
    queryFn: (): Promise<PackPage> =>
      unwrap(api.GET('/api/packs', { params: { query: { status, limit: 50, ...(q ? { q } : {}) } } })),
    placeholderData: keepPreviousData,
  });
}

export function usePack(packId: string | undefined) {
  return useQuery({
    queryKey: [...packsQueryKey, 'one', packId],
    queryFn: (): Promise<Pack> =>
      unwrap(api.GET('/api/packs/{packId}', { params: { path: { packId: packId ?? '' } } })),
    enabled: Boolean(packId),
  });
}

export function useCreatePack() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreatePackBody): Promise<Pack> => unwrap(api.POST('/api/packs', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: packsQueryKey }),
  });
}

export function useUpdatePack(packId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdatePackBody): Promise<Pack> =>
      unwrap(api.PATCH('/api/packs/{packId}', { params: { path: { packId } }, body })),
    onSuccess: (pack) => {
      queryClient.setQueryData([...packsQueryKey, 'one', packId], pack);
      return queryClient.invalidateQueries({ queryKey: [...packsQueryKey, 'list'] });
    },
  });
}

export function useTransitionPack(packId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { action: PackAction; comment?: string | null; version: number }): Promise<Pack> =>
      unwrap(api.POST('/api/packs/{packId}/transitions', { params: { path: { packId } }, body })),
    onSuccess: (pack) => {
      queryClient.setQueryData([...packsQueryKey, 'one', packId], pack);
      return queryClient.invalidateQueries({ queryKey: [...packsQueryKey, 'list'] });
    },
  });
}
