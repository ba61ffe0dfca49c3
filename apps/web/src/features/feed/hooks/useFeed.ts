import { useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';

export const feedQueryKey = ['feed'] as const;

/** The packs the member may share, newest first, a page at a time, with their readiness. */
export function useFeed() {
  return useInfiniteQuery({
    queryKey: feedQueryKey,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/feed', {
          params: { query: { limit: 10, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    // Packs publish and expire, and training passes lapse, while the page is closed.
    staleTime: 0,
  });
}
