import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { ChangePasswordBody, ForgotPasswordBody, Me, ResetPasswordBody } from '../../../api/types';
import { adoptMemberLocale } from '../../../app/i18n/i18n';
import { meQueryKey } from './useMe';

/** Asks for a reset link; the API answers alike whether or not the address has an account. */
export function useForgotPassword() {
  return useMutation({
    mutationFn: async (body: ForgotPasswordBody): Promise<void> => {
      await unwrap(api.POST('/api/auth/password/forgot', { body }));
    },
  });
}

/** Sets a new password from a reset link; the member is signed in here after. */
export function useResetPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: ResetPasswordBody): Promise<Me> =>
      (await unwrap(api.POST('/api/auth/password/reset', { body }))).member,
    onSuccess: async (member) => {
      queryClient.setQueryData(meQueryKey, member);
      await adoptMemberLocale(member.locale);
    },
  });
}

/** Changes the signed-in member's password; their other sessions end. */
export function useChangePassword() {
  return useMutation({
    mutationFn: async (body: ChangePasswordBody): Promise<void> => {
      await unwrap(api.PUT('/api/me/password', { body }));
    },
  });
}
