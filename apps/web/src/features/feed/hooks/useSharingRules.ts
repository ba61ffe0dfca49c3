import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';

/** The organisation's caption rules, so the feed checks an edited caption as the API will. */
export function useSharingRules() {
  return useQuery({
    queryKey: ['organisation', 'sharing-rules'],
    queryFn: () => unwrap(api.GET('/api/organisation/sharing-rules')),
    staleTime: 5 * 60_000,
  });
}
