import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { LoginBody, Me } from '../../../api/types';
import { adoptMemberLocale } from '../../../app/i18n/i18n';
import { meQueryKey } from './useMe';

/** Signed in (`member`), or the password was right and a code from the app is due (`twoStep`). */
export type SignInOutcome = { member: Me } | { twoStep: true };

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: LoginBody): Promise<SignInOutcome> => {
      const result = await unwrap(api.POST('/api/auth/login', { body }));
      return result.member ? { member: result.member } : { twoStep: true };
    },
    onSuccess: async (outcome) => {
      if (!('member' in outcome)) return;
      queryClient.setQueryData(meQueryKey, outcome.member);
      await adoptMemberLocale(outcome.member.locale);
    },
  });
}

/** The second step of a sign-in: the app's code, or a recovery code. */
export function useSignInTwoStep() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (code: string): Promise<Me> =>
      (await unwrap(api.POST('/api/auth/login/two-step', { body: { code } }))).member,
    onSuccess: async (member) => {
      queryClient.setQueryData(meQueryKey, member);
      await adoptMemberLocale(member.locale);
    },
  });
}
