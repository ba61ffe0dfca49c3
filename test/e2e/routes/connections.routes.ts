import type { RouteTable } from '../../support/negative-cases';

/** `:network` is a network id: a well-formed unknown one is the "other organisation's" 404 case. */
const own = () => ({ network: 'bluesky' });
const foreign = () => ({ network: 'myspace' });

/**
 * "Post for me" routes take a share id. Role, session and body are checked before the share is looked
 * up, so an id that is no share of the caller answers those cases; test/e2e/connections-post.e2e.spec.ts
 * shows another organisation's real share answering 404.
 */
const ownShare = () => ({ shareId: '00000000-0000-4000-8000-0000000000a1' });
const foreignShare = () => ({ shareId: '00000000-0000-4000-8000-0000000000b2' });

export const connectionsRoutes: RouteTable = {
  module: 'connections',
  routes: [
    { method: 'GET', path: '/api/me/connections', roles: 'any' },
    {
      method: 'POST',
      path: '/api/me/connections/:network',
      roles: ['advocate'],
      params: own,
      foreignParams: foreign,
      body: () => ({ identifier: 'never.bsky.test', appPassword: 'never-used' }),
    },
    {
      method: 'POST',
      path: '/api/me/connections/:network/authorize',
      roles: ['advocate'],
      params: own,
      foreignParams: foreign,
      body: () => ({ server: 'https://social.example' }),
    },
    {
      method: 'GET',
      path: '/api/me/connections/:network/callback',
      roles: ['advocate'],
      params: own,
      foreignParams: foreign,
      badQuery: { code: '' },
    },
    {
      method: 'DELETE',
      path: '/api/me/connections/:network',
      roles: 'any',
      params: own,
      foreignParams: foreign,
    },
    {
      method: 'POST',
      path: '/api/shares/:shareId/post',
      roles: ['advocate'],
      params: ownShare,
      foreignParams: foreignShare,
      body: () => ({}),
    },
    {
      method: 'GET',
      path: '/api/shares/:shareId/post',
      roles: 'any',
      params: ownShare,
      foreignParams: foreignShare,
    },
    {
      method: 'DELETE',
      path: '/api/shares/:shareId/post',
      roles: ['advocate'],
      params: ownShare,
      foreignParams: foreignShare,
    },
  ],
};
