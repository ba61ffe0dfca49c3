import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { paths } from '../../../api/schema';

type JsonOk<Op, Status extends number> = Op extends {
  responses: { [S in Status]: { content: { 'application/json': infer R } } };
}
  ? R
  : never;
type JsonBody<Op> = Op extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

export type Channel = JsonOk<paths['/api/channels']['get'], 200>['items'][number];
export type ChannelKind = Channel['kind'];
export type ChannelEvent = Channel['events'][number];
export type CreateChannelBody = JsonBody<paths['/api/channels']['post']>;
export type UpdateChannelBody = JsonBody<paths['/api/channels/{channelId}']['patch']>;
export type ChannelTestResult = JsonOk<paths['/api/channels/{channelId}/test']['post'], 200>;

export const channelKinds: readonly ChannelKind[] = ['slack', 'teams'];
export const channelEvents: readonly ChannelEvent[] = [
  'pack_published',
  'top_advocates',
  'training_deadlines',
];

export const channelsQueryKey = ['channels'] as const;

export function useChannels() {
  return useQuery({
    queryKey: channelsQueryKey,
    queryFn: () => unwrap(api.GET('/api/channels')),
  });
}

export function useCreateChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateChannelBody) => unwrap(api.POST('/api/channels', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: channelsQueryKey }),
  });
}

export function useUpdateChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateChannelBody }) =>
      unwrap(api.PATCH('/api/channels/{channelId}', { params: { path: { channelId: id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: channelsQueryKey }),
  });
}

export function useDeleteChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.DELETE('/api/channels/{channelId}', { params: { path: { channelId: id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: channelsQueryKey }),
  });
}

export function useTestChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.POST('/api/channels/{channelId}/test', { params: { path: { channelId: id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: channelsQueryKey }),
  });
}
