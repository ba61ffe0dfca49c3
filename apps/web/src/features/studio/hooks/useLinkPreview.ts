import { useMutation } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { components } from '../../../api/schema';
import type { MediaAsset } from './uploadMedia';

export type LinkPreview = components['schemas']['LinkPreviewDto'];

/** What the destination page says about itself (`POST /api/link-previews`); nothing is saved. */
export function useLinkPreview() {
  return useMutation({
    mutationFn: (url: string): Promise<LinkPreview> =>
      unwrap(api.POST('/api/link-previews', { body: { url } })),
  });
}

/** The page's picture, fetched by the API and stored as the organisation's media, checked as uploads are. */
export function useImportLinkImage() {
  return useMutation({
    mutationFn: (url: string): Promise<MediaAsset> =>
      unwrap(api.POST('/api/link-previews/image', { body: { url } })),
  });
}
