import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { components } from '../../../api/schema';
import { profilesQueryKey } from './useProfiles';

export type ConnectableNetwork = components['schemas']['ConnectableNetworkDto'];
export type Connection = components['schemas']['ConnectionDto'];

export const connectionsQueryKey = ['me', 'connections'] as const;

/** Every network Heimo can connect (or says why not), with the member's connection on each. */
export function useConnections(enabled = true) {
  return useQuery({
    queryKey: connectionsQueryKey,
    queryFn: async () => (await unwrap(api.GET('/api/me/connections'))).items,
    enabled,
  });
}

/**
 * The origin of the server the member's account lives on, read from the account's profile address
 * (a Mastodon profile is `https://<server>/@name`): where a network sharing through the member's own
 * server opens its share page. Null when there is no active connection.
 */
export function connectionServer(connection: Connection | null | undefined): string | null {
  if (!connection || connection.status !== 'active') return null;
  try {
    return new URL(connection.profileUrl).origin;
  } catch {
    return null;
  }
}

/** The connections change the member's verified audiences: both lists are loaded again. */
function useRefreshAfter() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: connectionsQueryKey }),
      queryClient.invalidateQueries({ queryKey: profilesQueryKey }),
    ]);
}

/** Connects an account with an identifier and an app password (Bluesky). */
export function useConnectWithPassword() {
  const refresh = useRefreshAfter();
  return useMutation({
    mutationFn: ({
      network,
      identifier,
      appPassword,
    }: {
      network: string;
      identifier: string;
      appPassword: string;
    }) =>
      unwrap(
        api.POST('/api/me/connections/{network}', {
          params: { path: { network } },
          body: { identifier, appPassword },
        }),
      ),
    onSuccess: () => refresh(),
  });
}

/** Starts OAuth on the member's server (Mastodon): the answer is where to send the browser. */
export function useAuthorizeConnection() {
  return useMutation({
    mutationFn: ({ network, server }: { network: string; server: string }) =>
      unwrap(
        api.POST('/api/me/connections/{network}/authorize', {
          params: { path: { network } },
          body: { server },
        }),
      ),
  });
}

/** Disconnects: the credentials are deleted, the audience becomes self-reported again. */
export function useDisconnect() {
  const refresh = useRefreshAfter();
  return useMutation({
    mutationFn: (network: string) =>
      unwrap(api.DELETE('/api/me/connections/{network}', { params: { path: { network } } })),
    onSettled: () => refresh(),
  });
}
