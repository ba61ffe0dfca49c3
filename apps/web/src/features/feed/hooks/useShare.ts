import { type QueryClient, useMutation, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { useCallback, useRef } from 'react';
import { api, unwrap } from '../../../api/client';
import { mySharesQueryKey } from '../../impact/hooks/useMyShares';
import type { FeedPage, ShareBody, ShareResult } from '../types';
import { feedQueryKey } from './useFeed';
import { nextAttempt, type ShareAttempt } from './shareAttempt';

/** After a share: the card shows the network as shared, and My impact lists the share. */
export function markShared(queryClient: QueryClient, packId: string, share: ShareResult): Promise<void> {
  queryClient.setQueryData<InfiniteData<FeedPage>>(feedQueryKey, (feed) =>
    feed
      ? {
          ...feed,
          pages: feed.pages.map((page) => ({
            ...page,
            items: page.items.map((item) =>
              item.packId !== packId
                ? item
                : {
                    ...item,
                    variants: item.variants.map((variant) =>
                      variant.network === share.network
                        ? { ...variant, shared: true, lastSharedAt: share.createdAt }
                        : variant,
                    ),
                  },
            ),
          })),
        }
      : feed,
  );
  return queryClient.invalidateQueries({ queryKey: mySharesQueryKey });
}

/** Asks the API to share; the card then shows the network as shared and My impact lists the share. */
export function useShare() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ key, body }: ShareAttempt): Promise<ShareResult> =>
      (await unwrap(api.POST('/api/shares', { body, headers: { 'Idempotency-Key': key } }))) as ShareResult,
    onSuccess: (share, { body }) => markShared(queryClient, body.packId, share),
    // Training lapsed or the pack changed under the member: the feed says how things stand now.
    onError: () => queryClient.invalidateQueries({ queryKey: feedQueryKey }),
  });
}

/**
 * Makes a share outside the card's share button ("post for me"): a retry of the same body reuses its
 * Idempotency-Key; the card then shows the network as shared. Handed to lazily loaded parts of the
 * card, so their chunks need not import the feed's.
 */
export function useMakeShare(): (body: ShareBody) => Promise<ShareResult> {
  const queryClient = useQueryClient();
  const unfinished = useRef<ShareAttempt | null>(null);
  return useCallback(
    async (body: ShareBody) => {
      const attempt = nextAttempt(unfinished.current, body);
      unfinished.current = attempt;
      const share = (await unwrap(
        api.POST('/api/shares', { body, headers: { 'Idempotency-Key': attempt.key } }),
      )) as ShareResult;
      unfinished.current = null;
      void markShared(queryClient, body.packId, share);
      return share;
    },
    [queryClient],
  );
}
