import { connectionServer, type Connection } from '../../profile/hooks/useConnections';
import type { ShareResult } from '../types';
import { onMemberServer } from './memberServer';

const link = 'https://heimo.example/s/abc123';
const answer = {
  id: '0b3d5e1c-8f0e-4c38-9d55-0b8c2f0a5b11',
  code: 'abc123',
  network: 'mastodon',
  locale: 'en',
  text: `Our new release is out ${link}`,
  trackedUrl: link,
  action: {
    kind: 'manual',
    networkId: 'mastodon',
    clipboardText: `Our new release is out ${link}`,
    mediaUrl: null,
    openUrl: null,
    steps: ['copy_caption', 'open_app', 'create_post', 'paste_caption'],
    instructions: 'Copy the caption…',
  },
  createdAt: '2026-12-08T02:00:00.000Z',
  credited: true,
  uncreditedReason: null,
  creditResumesAt: null,
} as unknown as ShareResult;

const connection: Connection = {
  network: 'mastodon',
  handle: 'aino@social.example',
  profileUrl: 'https://social.example/@aino',
  followers: 310,
  followersCheckedAt: '2026-12-08T02:00:00.000Z',
  status: 'active',
  connectedAt: '2026-12-08T02:00:00.000Z',
};

describe('sharing through the member’s own server', () => {
  it('opens the server’s share page with the caption once the connection names the server', () => {
    const result = onMemberServer(answer, connectionServer(connection));
    expect(result.action.kind).toBe('intent');
    if (result.action.kind !== 'intent') return;
    const url = new URL(result.action.url);
    expect(url.origin + url.pathname).toBe('https://social.example/share');
    expect(url.searchParams.get('text')).toContain(link);
    expect(result.action.clipboardText).toBeNull();
  });

  it('keeps the manual steps without a known server', () => {
    expect(onMemberServer(answer, null)).toBe(answer);
    expect(onMemberServer(answer, 'not a server')).toBe(answer);
  });

  it('reads no server from a broken connection, or from none', () => {
    expect(connectionServer({ ...connection, status: 'broken' })).toBeNull();
    expect(connectionServer(null)).toBeNull();
    expect(connectionServer(connection)).toBe('https://social.example');
  });

  it('leaves a network with an intent of its own as the API answered it', () => {
    const bluesky = {
      ...answer,
      network: 'bluesky',
      action: {
        kind: 'intent',
        networkId: 'bluesky',
        url: 'https://bsky.app/intent/compose?text=x',
        clipboardText: null,
      },
    } as unknown as ShareResult;
    expect(onMemberServer(bluesky, 'https://social.example')).toBe(bluesky);
  });
});
