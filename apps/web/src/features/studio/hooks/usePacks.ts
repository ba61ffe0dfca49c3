import type { NetworkId } from '@heimo/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { CreatePackBody, Pack, PackAction, PackPage, PackState, UpdatePackBody } from '../types';

export const packsQueryKey = ['packs'] as const;

/** What the studio's list is narrowed to besides the state: text, one hashtag, one network. */
export interface PackFilters {
  readonly q: string;
  readonly hashtag: string;
  /** Empty: any network. */
  readonly network: NetworkId | '';
}

/** The first page of packs in one state, optionally searched (newest first). */
export function usePacks(status: PackState, filters: PackFilters) {
  const { q, hashtag, network } = filters;
  return useQuery({
    queryKey: [...packsQueryKey, 'list', status, q, hashtag, network],
    queryFn: (): Promise<PackPage> =>
      unwrap(
        api.GET('/api/packs', {
          params: {
            query: {
              status,
              limit: 50,
              ...(q ? { q } : {}),
              ...(hashtag ? { hashtag } : {}),
              ...(network ? { network } : {}),
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** A new draft with the pack's content; answers the draft. */
export function useDuplicatePack() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (packId: string): Promise<Pack> =>
      unwrap(api.POST('/api/packs/{packId}/duplicate', { params: { path: { packId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: packsQueryKey }),
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
