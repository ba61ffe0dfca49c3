import { buildShareAction, findNetwork } from '@heimo/domain';
import type { ShareResult } from '../types';

/**
 * The API answers a network that shares through the member's own server (Mastodon) with manual
 * steps, as it does not know the server; once the member's connection names it, the share goes
 * through that server's share page instead (`buildShareAction` with `server`, @heimo/domain).
 */
export function onMemberServer(result: ShareResult, server: string | null): ShareResult {
  const network = findNetwork(result.network);
  if (!network || !server || result.action.kind !== 'manual') return result;
  const action = buildShareAction(network.id, {
    text: result.text,
    link: result.text.includes(result.trackedUrl) ? result.trackedUrl : null,
    server,
  });
  return action.kind === 'intent' ? { ...result, action } : result;
}
