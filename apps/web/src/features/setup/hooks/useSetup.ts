import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { Me, SetupBody } from '../../../api/types';
import { adoptMemberLocale } from '../../../app/i18n/i18n';
import { meQueryKey } from '../../auth/hooks/useMe';

/** Whether the first run's setup is open (no organisation yet). */
export function useSetupStatus() {
  return useQuery({
    queryKey: ['setup'],
    queryFn: () => unwrap(api.GET('/api/setup')),
    retry: false,
  });
}

/** Creates the first organisation and its admin with the printed token; the admin is signed in. */
export function useCompleteSetup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: SetupBody): Promise<Me> =>
      (await unwrap(api.POST('/api/setup', { body }))).member,
    onSuccess: async (member) => {
      queryClient.setQueryData(meQueryKey, member);
      await adoptMemberLocale(member.locale);
    },
  });
}
