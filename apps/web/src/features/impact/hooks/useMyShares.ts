import { useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';

export const mySharesQueryKey = ['me', 'shares'] as const;

/** The member's shares, newest first, a page at a time, each with its click counts. */
export function useMyShares() {
  return useInfiniteQuery({
    queryKey: mySharesQueryKey,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/me/shares', {
          params: { query: { limit: 20, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    // The click worker counts within moments; coming back to the page shows the new figures.
    staleTime: 0,
  });
}
