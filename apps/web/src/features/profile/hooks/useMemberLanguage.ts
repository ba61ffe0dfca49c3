import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { meQueryKey } from '../../auth/hooks/useMe';
import type { Me } from '../../../api/types';
import { adoptMemberLocale, chooseLanguage } from '../../../app/i18n/i18n';
import type { Language } from '../../../app/i18n/resources';

/**
 * The member picked a language: it applies at once and is saved to their profile, so every browser
 * they sign in on, and every e-mail, uses it. A failed save puts the saved language back.
 */
export function useSaveMemberLanguage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (locale: Language) => {
      await chooseLanguage(locale);
      return unwrap(api.PUT('/api/me/locale', { body: { locale } }));
    },
    onSuccess: (me) => queryClient.setQueryData(meQueryKey, me),
    onError: async () => {
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
      const saved = queryClient.getQueryData<Me | null>(meQueryKey);
      if (saved) await adoptMemberLocale(saved.locale);
    },
  });
}
