import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { paths } from '../../../api/schema';

export type SsoSettings =
  paths['/api/organisation/sign-in']['get']['responses'][200]['content']['application/json'];
export type SaveSsoProvider = NonNullable<
  paths['/api/organisation/sign-in']['put']['requestBody']
>['content']['application/json'];
export type SsoDomain =
  paths['/api/organisation/sign-in/domains']['get']['responses'][200]['content']['application/json']['items'][number];

export const ssoSettingsQueryKey = ['sso-settings'] as const;
export const ssoDomainsQueryKey = ['sso-domains'] as const;

export function useSsoSettings() {
  return useQuery({
    queryKey: ssoSettingsQueryKey,
    queryFn: () => unwrap(api.GET('/api/organisation/sign-in')),
  });
}

export function useSaveSsoSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SaveSsoProvider) => unwrap(api.PUT('/api/organisation/sign-in', { body })),
    onSuccess: (settings) => queryClient.setQueryData(ssoSettingsQueryKey, settings),
  });
}

export function useRemoveSsoProvider() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/organisation/sign-in')),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ssoSettingsQueryKey }),
  });
}

/** The settings as typed: the connection is tested before they are saved. */
export type TestSsoConnection = Pick<SaveSsoProvider, 'issuer' | 'clientId' | 'clientSecret'>;

export function useTestSsoConnection() {
  return useMutation({
    mutationFn: (body: TestSsoConnection) => unwrap(api.POST('/api/organisation/sign-in/test', { body })),
  });
}

export function useSsoDomains() {
  return useQuery({
    queryKey: ssoDomainsQueryKey,
    queryFn: () => unwrap(api.GET('/api/organisation/sign-in/domains')),
  });
}

export function useAddSsoDomain() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (domain: string) =>
      unwrap(api.POST('/api/organisation/sign-in/domains', { body: { domain } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ssoDomainsQueryKey }),
  });
}

export function useVerifySsoDomain() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (domainId: string) =>
      unwrap(
        api.POST('/api/organisation/sign-in/domains/{domainId}/verify', { params: { path: { domainId } } }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ssoDomainsQueryKey }),
  });
}

export function useRemoveSsoDomain() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (domainId: string) =>
      unwrap(api.DELETE('/api/organisation/sign-in/domains/{domainId}', { params: { path: { domainId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ssoDomainsQueryKey }),
  });
}

/** Active admins, for the break-glass choice. */
export function useActiveAdmins() {
  return useQuery({
    queryKey: ['people', 'active-admins'],
    queryFn: () =>
      unwrap(api.GET('/api/people', { params: { query: { role: 'admin', status: 'active', limit: 100 } } })),
  });
}
