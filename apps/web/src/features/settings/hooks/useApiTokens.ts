import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { CreateApiTokenBody } from '../../../api/types';

export const apiTokensQueryKey = ['api-tokens'] as const;

/** The organisation's API tokens, newest first (an organisation has a handful; the API answers them all). */
export function useApiTokens() {
  return useQuery({
    queryKey: apiTokensQueryKey,
    queryFn: async () => (await unwrap(api.GET('/api/api-tokens'))).items,
  });
}

/** Creates a token; the answer holds the token itself, shown once. */
export function useCreateApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateApiTokenBody) => unwrap(api.POST('/api/api-tokens', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiTokensQueryKey }),
  });
}

export function useRevokeApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (tokenId: string) =>
      unwrap(api.POST('/api/api-tokens/{tokenId}/revoke', { params: { path: { tokenId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiTokensQueryKey }),
  });
}
