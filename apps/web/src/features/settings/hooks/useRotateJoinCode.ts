import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { fanProgrammeQueryKey } from './useFanProgramme';

export function useRotateJoinCode() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/organisation/fan-programme/rotate')),
    onSuccess: (programme) => queryClient.setQueryData(fanProgrammeQueryKey, programme),
  });
}
