import { useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { AuditAction } from '../../../api/types';

export const auditEventsQueryKey = ['audit-events'] as const;

export interface AuditFilters {
  action: AuditAction | null;
  /** Only what this member did. */
  actorId: string | null;
  includeSignIns: boolean;
}

/** The audit log, newest first, a page at a time. */
export function useAuditEvents({ action, actorId, includeSignIns }: AuditFilters) {
  return useInfiniteQuery({
    queryKey: [...auditEventsQueryKey, action, actorId, includeSignIns],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/audit-events', {
          params: {
            query: {
              limit: 25,
              ...(action ? { action } : {}),
              ...(actorId ? { actorId } : {}),
              ...(includeSignIns ? { includeSignIns } : {}),
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    staleTime: 0, // a log is read for what just happened
  });
}
