import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { paths } from '../../../api/schema';

type Ok<Op> = Op extends { responses: { 200: { content: { 'application/json': infer R } } } } ? R : never;

export type WebhookEndpoint = Ok<paths['/api/webhooks']['get']>['items'][number];
export type WebhookDelivery = Ok<paths['/api/webhooks/{endpointId}/deliveries']['get']>['items'][number];
export type WebhookEventType = WebhookEndpoint['events'][number];
export type CreateWebhookBody = NonNullable<
  paths['/api/webhooks']['post']['requestBody']
>['content']['application/json'];
export type UpdateWebhookBody = NonNullable<
  paths['/api/webhooks/{endpointId}']['patch']['requestBody']
>['content']['application/json'];

export const webhooksQueryKey = ['webhooks'] as const;
const deliveriesKey = (endpointId: string) => [...webhooksQueryKey, endpointId, 'deliveries'] as const;

/** The organisation's endpoints (at most 100: far more than an organisation keeps). */
export function useWebhooks() {
  return useQuery({
    queryKey: webhooksQueryKey,
    queryFn: () => unwrap(api.GET('/api/webhooks', { params: { query: { limit: 100 } } })),
  });
}

/** An endpoint's latest deliveries; refreshed every few seconds while any is still being tried. */
export function useWebhookDeliveries(endpointId: string) {
  return useQuery({
    queryKey: deliveriesKey(endpointId),
    queryFn: () =>
      unwrap(
        api.GET('/api/webhooks/{endpointId}/deliveries', {
          params: { path: { endpointId }, query: { limit: 20 } },
        }),
      ),
    refetchInterval: (query) =>
      query.state.data?.items.some((d) => d.status === 'pending' || d.status === 'retrying') ? 2_000 : false,
  });
}

export function useCreateWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateWebhookBody) => unwrap(api.POST('/api/webhooks', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhooksQueryKey }),
  });
}

export function useUpdateWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ endpointId, body }: { endpointId: string; body: UpdateWebhookBody }) =>
      unwrap(api.PATCH('/api/webhooks/{endpointId}', { params: { path: { endpointId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhooksQueryKey }),
  });
}

export function useDeleteWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (endpointId: string) =>
      unwrap(api.DELETE('/api/webhooks/{endpointId}', { params: { path: { endpointId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhooksQueryKey }),
  });
}

export function useRotateWebhookSecret() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (endpointId: string) =>
      unwrap(
        api.POST('/api/webhooks/{endpointId}/rotate-secret', {
          params: { path: { endpointId } },
          body: { overlapHours: 24 },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhooksQueryKey }),
  });
}

export function useRedeliverWebhook(endpointId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (deliveryId: string) =>
      unwrap(
        api.POST('/api/webhooks/{endpointId}/deliveries/{deliveryId}/redeliver', {
          params: { path: { endpointId, deliveryId } },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: deliveriesKey(endpointId) }),
  });
}
