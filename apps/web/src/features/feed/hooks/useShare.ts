import { type QueryClient, useMutation, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { mySharesQueryKey } from '../../impact/hooks/useMyShares';
import type { FeedPage, ShareResult } from '../types';
import { feedQueryKey } from './useFeed';
import type { ShareAttempt } from './shareAttempt';

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
