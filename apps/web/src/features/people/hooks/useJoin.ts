import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { JoinBody, Me } from '../../../api/types';
import { adoptMemberLocale } from '../../../app/i18n/i18n';
import { meQueryKey } from '../../auth/hooks/useMe';

/** Signs up for the fan programme; the answer is the same for every address: check your e-mail. */
export function useJoin(code: string) {
  return useMutation({
    mutationFn: async (body: JoinBody): Promise<void> => {
      await unwrap(api.POST('/api/join/{code}', { params: { path: { code } }, body }));
    },
  });
}

/** Follows the confirmation link of a fan sign-up: the new fan advocate is signed in. */
export function useConfirmJoin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (token: string): Promise<Me> =>
      (await unwrap(api.POST('/api/join/confirm', { body: { token } }))).member,
    onSuccess: async (member) => {
      queryClient.setQueryData(meQueryKey, member);
      await adoptMemberLocale(member.locale);
    },
  });
}
