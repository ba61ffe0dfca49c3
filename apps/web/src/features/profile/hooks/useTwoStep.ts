import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { TwoStepEnrolment, TwoStepStatus } from '../../../api/types';
import { meQueryKey } from '../../auth/hooks/useMe';

export const twoStepQueryKey = ['me', 'two-step'] as const;

/** Whether the member uses two-step sign-in, and how many recovery codes are left. */
export function useTwoStep() {
  return useQuery({
    queryKey: twoStepQueryKey,
    queryFn: (): Promise<TwoStepStatus> => unwrap(api.GET('/api/me/two-step')),
  });
}

function useRefreshAfter() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: twoStepQueryKey });
}

/**
 * Reads the member again: the shell holds an admin whom the organisation requires to use two-step at
 * set-up until `twoStep.enabled`. Called once the recovery codes were seen, not before: the page they
 * are on would otherwise give way to the app at once.
 */
export function useRefreshMember() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: meQueryKey });
}

/** Starts setting up: the password in, a new secret out (for the QR code and for typing). */
export function useStartTwoStep() {
  return useMutation({
    mutationFn: (password: string): Promise<TwoStepEnrolment> =>
      unwrap(api.POST('/api/me/two-step', { body: { password } })),
  });
}

/** The app's first code turns it on; the answer holds the recovery codes, shown once. */
export function useConfirmTwoStep() {
  const refresh = useRefreshAfter();
  return useMutation({
    mutationFn: async (code: string): Promise<string[]> =>
      (await unwrap(api.POST('/api/me/two-step/confirm', { body: { code } }))).recoveryCodes,
    onSuccess: refresh,
  });
}

export function useRenewRecoveryCodes() {
  const refresh = useRefreshAfter();
  return useMutation({
    mutationFn: async (code: string): Promise<string[]> =>
      (await unwrap(api.POST('/api/me/two-step/recovery-codes', { body: { code } }))).recoveryCodes,
    onSuccess: refresh,
  });
}

export function useDisableTwoStep() {
  const refresh = useRefreshAfter();
  return useMutation({
    mutationFn: async (body: { password: string; code: string }): Promise<void> => {
      await unwrap(api.DELETE('/api/me/two-step', { body }));
    },
    onSuccess: refresh,
  });
}
