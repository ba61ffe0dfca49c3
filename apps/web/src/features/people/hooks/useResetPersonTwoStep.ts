import { useMutation } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { TwoStepReset } from '../../../api/types';

/** An admin turns a person's two-step sign-in off (a lost phone); the answer says whether it was on. */
export function useResetPersonTwoStep() {
  return useMutation({
    mutationFn: (memberId: string): Promise<TwoStepReset> =>
      unwrap(api.POST('/api/people/{memberId}/two-step/reset', { params: { path: { memberId } } })),
  });
}
