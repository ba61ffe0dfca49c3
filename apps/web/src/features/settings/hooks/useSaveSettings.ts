import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { SettingsBody } from '../../../api/types';
import { meQueryKey } from '../../auth/hooks/useMe';
import { fanProgrammeQueryKey } from './useFanProgramme';
import { settingsQueryKey } from './useOrganisationSettings';

export function useSaveSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SettingsBody) => unwrap(api.PUT('/api/organisation/settings', { body })),
    onSuccess: async (saved) => {
      queryClient.setQueryData(settingsQueryKey, saved);
      // The organisation's name shows in the header; the fan programme follows `fanProgrammeOpen`;
      // the dashboard's earned media value follows the rates.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: meQueryKey }),
        queryClient.invalidateQueries({ queryKey: fanProgrammeQueryKey }),
        queryClient.invalidateQueries({ queryKey: ['insights'] }),
      ]);
    },
  });
}
