import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { DeliveryStatus } from '../types';

export const deliveriesQueryKey = ['notification-deliveries'] as const;

/** The e-mail delivery log, newest first, a page at a time. */
export function useDeliveries(status: DeliveryStatus | null) {
  return useInfiniteQuery({
    queryKey: [...deliveriesQueryKey, status],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/notifications/deliveries', {
          params: {
            query: { limit: 25, ...(status ? { status } : {}), ...(pageParam ? { cursor: pageParam } : {}) },
          },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    staleTime: 0, // a log is read for what just happened
  });
}

/** One message from the local outbox: addresses, subject and both parts. */
export function useOutboxMessage(deliveryId: string | null) {
  return useQuery({
    queryKey: [...deliveriesQueryKey, 'preview', deliveryId],
    queryFn: () =>
      unwrap(
        api.GET('/api/notifications/deliveries/{deliveryId}/preview', {
          params: { path: { deliveryId: deliveryId ?? '' } },
        }),
      ),
    enabled: deliveryId !== null,
    staleTime: Infinity, // a written message never changes
  });
}

/** Fetches the raw message through the API client (so an expired session refreshes) and saves it as a file. */
export function useDownloadMessage() {
  return useMutation({
    mutationFn: async (deliveryId: string) => {
      const eml = await unwrap(
        api.GET('/api/notifications/deliveries/{deliveryId}/message', {
          params: { path: { deliveryId } },
          parseAs: 'blob',
        }),
      );
      const url = URL.createObjectURL(eml);
      const link = document.createElement('a');
      link.href = url;
      link.download = `${deliveryId}.eml`;
      document.body.append(link);
      link.click();
      link.remove();
      // The browser has taken the file once the click is handled.
      window.setTimeout(() => URL.revokeObjectURL(url), 1_000);
    },
  });
}
