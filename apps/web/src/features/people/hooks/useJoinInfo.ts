import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';

/** The organisation behind a fan-programme join link; a closed or unknown link answers 404. */
export function useJoinInfo(code: string) {
  return useQuery({
    queryKey: ['join', code],
    queryFn: () => unwrap(api.GET('/api/join/{code}', { params: { path: { code } } })),
    retry: false,
  });
}
