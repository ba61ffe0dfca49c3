import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { CreateScimTokenBody } from '../../../api/types';
import { teamsQueryKey } from '../../teams/hooks/useTeams';

export const scimTokensQueryKey = ['scim-tokens'] as const;
export const scimGroupsQueryKey = ['scim-groups'] as const;

/** The organisation's SCIM tokens, newest first. */
export function useScimTokens() {
  return useQuery({
    queryKey: scimTokensQueryKey,
    queryFn: async () => (await unwrap(api.GET('/api/scim-tokens'))).items,
  });
}

/** Creates a SCIM token; the answer holds the token itself, shown once. */
export function useCreateScimToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateScimTokenBody) => unwrap(api.POST('/api/scim-tokens', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: scimTokensQueryKey }),
  });
}

export function useRevokeScimToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (tokenId: string) =>
      unwrap(api.POST('/api/scim-tokens/{tokenId}/revoke', { params: { path: { tokenId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: scimTokensQueryKey }),
  });
}

/** The groups the identity provider sent, each with the team it is linked to. */
export function useScimGroups() {
  return useQuery({
    queryKey: scimGroupsQueryKey,
    queryFn: async () => (await unwrap(api.GET('/api/scim-groups'))).items,
  });
}

export function useLinkScimGroup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ groupId, teamId }: { groupId: string; teamId: string | null }) =>
      unwrap(api.PUT('/api/scim-groups/{groupId}/team', { params: { path: { groupId } }, body: { teamId } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: scimGroupsQueryKey }),
  });
}

/** A team named after the group, linked to it. */
export function useCreateTeamFromScimGroup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (groupId: string) =>
      unwrap(api.POST('/api/scim-groups/{groupId}/team', { params: { path: { groupId } } })),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: scimGroupsQueryKey }),
        queryClient.invalidateQueries({ queryKey: teamsQueryKey }),
      ]),
  });
}
