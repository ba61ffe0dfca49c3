import { useMutation } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { PasswordResetSent } from '../../../api/types';

/** An admin e-mails a member a reset link; the link itself is never shown. */
export function useSendPasswordReset() {
  return useMutation({
    mutationFn: async (memberId: string): Promise<PasswordResetSent> =>
      unwrap(api.POST('/api/people/{memberId}/password-reset', { params: { path: { memberId } } })),
  });
}
