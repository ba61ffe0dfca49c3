import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { PeopleFilter } from '../../../api/types';

export const peopleQueryKey = ['people'] as const;

export type PeopleSearch = Omit<PeopleFilter, 'cursor' | 'limit'>;

/** People of the organisation, a page at a time (keyset: each page names the next cursor). */
export function usePeople(search: PeopleSearch) {
  return useInfiniteQuery({
    queryKey: [...peopleQueryKey, search],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/people', {
          params: { query: { ...search, limit: 25, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    placeholderData: keepPreviousData,
    // Others join and accept while the admin works elsewhere: coming back shows them.
    staleTime: 0,
  });
}
