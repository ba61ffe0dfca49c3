import { useQueries, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { components } from '../../../api/schema';
import type { MediaAsset } from './uploadMedia';

export type SharingRules = components['schemas']['SharingRulesDto'];

/**
 * What captions are checked against (enabled networks, compliance, link base), readable by every
 * member: the editor runs the rules library's `validateVariant` with exactly these values.
 */
export function useSharingRules() {
  return useQuery({
    queryKey: ['organisation', 'sharing-rules'],
    queryFn: (): Promise<SharingRules> => unwrap(api.GET('/api/organisation/sharing-rules')),
    staleTime: 60_000,
  });
}

/** The stored media among `ids` (kind, size, address), one cached request per asset. */
export function useMediaAssets(ids: readonly string[]): Record<string, MediaAsset> {
  const unique = [...new Set(ids)];
  const results = useQueries({
    queries: unique.map((mediaId) => ({
      queryKey: ['media', mediaId],
      queryFn: (): Promise<MediaAsset> =>
        unwrap(api.GET('/api/media/{mediaId}', { params: { path: { mediaId } } })),
      staleTime: Infinity,
      retry: false,
    })),
  });
  const found: Record<string, MediaAsset> = {};
  results.forEach((result) => {
    if (result.data) found[result.data.id] = result.data;
  });
  return found;
}
