import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { auditEventsQueryKey } from '../../audit/hooks/useAuditEvents';
import { peopleQueryKey } from './usePeople';

/** An admin erases a person's personal data (cannot be undone); People and the log reload. */
export function useErasePerson() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (memberId: string) =>
      unwrap(api.POST('/api/people/{memberId}/erase', { params: { path: { memberId } } })),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: peopleQueryKey }),
        queryClient.invalidateQueries({ queryKey: auditEventsQueryKey }),
      ]);
    },
  });
}
