import type { RouteTable } from '../../support/negative-cases';

/**
 * No media rows exist in the shared fixture, so the ids here name nothing: the 401, 403 and 400
 * cases never reach a lookup, and the 404 case shows an id the caller's organisation does not hold.
 * `media.e2e.spec.ts` checks the same 404 with a real asset of another organisation.
 */
const own = () => ({ mediaId: '0b5e6f8e-3d4c-4b2a-9e1f-7a6b5c4d3e2f' });
const foreign = () => ({ mediaId: '9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' });

export const mediaRoutes: RouteTable = {
  module: 'media',
  routes: [
    // A JSON body is not an upload: the unknown-field case still answers 400 naming the field,
    // and a valid-looking body without a file part answers 400 `media.file_missing`.
    { method: 'POST', path: '/api/media', roles: ['curator', 'admin'], body: () => ({}) },
    {
      method: 'GET',
      path: '/api/media/:mediaId',
      roles: ['curator', 'admin'],
      params: own,
      foreignParams: foreign,
    },
    {
      method: 'PATCH',
      path: '/api/media/:mediaId',
      roles: ['curator', 'admin'],
      params: own,
      foreignParams: foreign,
      body: () => ({ altText: 'A red tulip field' }),
    },
  ],
};
