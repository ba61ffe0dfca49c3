import { useMutation } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';

/** An admin ends every open session of a person: they are signed out everywhere at once. */
export function useEndPersonSessions() {
  return useMutation({
    mutationFn: (memberId: string) =>
      unwrap(api.POST('/api/people/{memberId}/sessions/end', { params: { path: { memberId } } })),
  });
}
