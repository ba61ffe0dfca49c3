import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { JoinBody, Me } from '../../../api/types';
import { adoptMemberLocale } from '../../../app/i18n/i18n';
import { meQueryKey } from '../../auth/hooks/useMe';

export function useJoin(code: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: JoinBody): Promise<Me> =>
      (await unwrap(api.POST('/api/join/{code}', { params: { path: { code } }, body }))).member,
    onSuccess: async (member) => {
      queryClient.setQueryData(meQueryKey, member);
      await adoptMemberLocale(member.locale);
    },
  });
}
