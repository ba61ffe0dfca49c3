import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { ConfirmOrganisationSignupBody, Me, OrganisationSignupRequestBody } from '../../../api/types';
import { adoptMemberLocale } from '../../../app/i18n/i18n';
import { meQueryKey } from '../../auth/hooks/useMe';

/** Asks for the e-mailed link that creates an organisation; the same answer for every address. */
export function useRequestOrganisationSignup() {
  return useMutation({
    mutationFn: (body: OrganisationSignupRequestBody) =>
      unwrap(api.POST('/api/organisation-signups', { body })),
  });
}

/** Creates the organisation and its admin with the e-mailed token; the admin is signed in. */
export function useConfirmOrganisationSignup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: ConfirmOrganisationSignupBody): Promise<Me> =>
      (await unwrap(api.POST('/api/organisation-signups/confirm', { body }))).member,
    onSuccess: async (member) => {
      queryClient.setQueryData(meQueryKey, member);
      await adoptMemberLocale(member.locale);
    },
  });
}
