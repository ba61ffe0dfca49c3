import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { fanProgrammeQueryKey } from './useFanProgramme';
import { settingsQueryKey } from './useOrganisationSettings';

export function useSetFanProgrammeOpen() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (open: boolean) => unwrap(api.POST('/api/organisation/fan-programme', { body: { open } })),
    onSuccess: async (programme) => {
      queryClient.setQueryData(fanProgrammeQueryKey, programme);
      // The same switch is a setting: its version moved on.
      await queryClient.invalidateQueries({ queryKey: settingsQueryKey });
    },
  });
}
