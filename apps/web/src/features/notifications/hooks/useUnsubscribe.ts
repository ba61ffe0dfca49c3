import { useMutation, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';

/** What the link would turn off; changes nothing (mail scanners open links too). */
export function useUnsubscribePreview(token: string) {
  return useQuery({
    queryKey: ['unsubscribe-preview', token],
    queryFn: () => unwrap(api.GET('/api/unsubscribe', { params: { query: { token } } })),
    enabled: token !== '',
    retry: false,
    staleTime: Infinity,
  });
}

/** Turns off what the link is for. */
export function useUnsubscribe() {
  return useMutation({
    mutationFn: (token: string) => unwrap(api.POST('/api/unsubscribe', { params: { query: { token } } })),
  });
}
