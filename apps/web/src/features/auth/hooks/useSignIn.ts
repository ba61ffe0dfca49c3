import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { LoginBody, Me } from '../../../api/types';
import { adoptMemberLocale } from '../../../app/i18n/i18n';
import { meQueryKey } from './useMe';

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: LoginBody): Promise<Me> => {
      const { member } = await unwrap(api.POST('/api/auth/login', { body }));
      return member;
    },
    onSuccess: async (member) => {
      queryClient.setQueryData(meQueryKey, member);
      await adoptMemberLocale(member.locale);
    },
  });
}
