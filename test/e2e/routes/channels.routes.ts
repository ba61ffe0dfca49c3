import type { NegativeFixture, OrgFixture, RouteTable } from '../../support/negative-cases';

/** `ctx.newOrg()` also makes a paused Slack channel. */
const channelOf = (org: OrgFixture) => (org as OrgFixture & { channel: { id: string } }).channel.id;
const own = (f: NegativeFixture) => ({ channelId: channelOf(f.own) });
const foreign = (f: NegativeFixture) => ({ channelId: channelOf(f.other) });

export const channelsRoutes: RouteTable = {
  module: 'channels',
  routes: [
    { method: 'GET', path: '/api/channels', roles: ['admin'] },
    {
      method: 'POST',
      path: '/api/channels',
      roles: ['admin'],
      body: () => ({
        kind: 'slack',
        name: '#other',
        url: 'https://hooks.slack.com/services/T0FIXTURE/B0OTHER/secret',
        events: [],
      }),
    },
    {
      method: 'PATCH',
      path: '/api/channels/:channelId',
      roles: ['admin'],
      params: own,
      foreignParams: foreign,
      body: () => ({ enabled: false }),
    },
    {
      method: 'DELETE',
      path: '/api/channels/:channelId',
      roles: ['admin'],
      params: own,
      foreignParams: foreign,
    },
    {
      method: 'POST',
      path: '/api/channels/:channelId/test',
      roles: ['admin'],
      params: own,
      foreignParams: foreign,
    },
  ],
};
