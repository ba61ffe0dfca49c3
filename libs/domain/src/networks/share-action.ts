import type { ManualShareStep, NetworkSharing, ShareIntentInput } from './network';
import { getNetwork, type NetworkId } from './registry';
import { parseServerAddress } from './server-address';

/** What the client does when a person clicks Share. */
export type ShareAction =
  | {
      readonly kind: 'intent';
      readonly networkId: NetworkId;
      /** Open this URL (new window or the network's app). */
      readonly url: string;
      /**
       * The caption to put on the clipboard before opening `url`, where the network ignores prefilled
       * text (Facebook, LinkedIn, XING); null where the intent carries the caption itself.
       */
      readonly clipboardText: string | null;
    }
  | {
      readonly kind: 'manual';
      readonly networkId: NetworkId;
      /** Always copied: the person pastes it themselves. */
      readonly clipboardText: string;
      readonly mediaUrl: string | null;
      readonly openUrl: string | null;
      readonly steps: readonly ManualShareStep[];
      readonly instructions: string;
    };

/**
 * How sharing on the network goes for a member: the network's own sharing, except that a network
 * whose share page lives on each member's server (`ManualSharing.onServer`, Mastodon) shares through
 * that page when the member's server is known (an https origin; anything else is ignored) and by
 * hand otherwise. Read from the definition, never from the network's id.
 */
export function effectiveSharing(networkId: NetworkId, server?: string | null): NetworkSharing {
  const { sharing } = getNetwork(networkId);
  if (sharing.mode !== 'manual' || !sharing.onServer || !server) return sharing;
  const parsed = parseServerAddress(server);
  if (!parsed.ok) return sharing;
  const { prefill, buildUrl } = sharing.onServer;
  const origin = parsed.value.origin;
  return { mode: 'intent', prefill, buildUrl: (input) => buildUrl({ ...input, server: origin }) };
}

/**
 * The share-intent URL for a network, or null where the network has none (manual sharing, or a
 * share page on the member's server when `input.server` is not known).
 * The text is used as given: callers pass the final, validated caption.
 */
export function buildShareIntentUrl(networkId: NetworkId, input: ShareIntentInput): string | null {
  const sharing = effectiveSharing(networkId, input.server);
  return sharing.mode === 'intent' ? sharing.buildUrl(input) : null;
}

/** Everything the client needs to share: the URL to open and what to copy first, or the manual steps. */
export function buildShareAction(networkId: NetworkId, input: ShareIntentInput): ShareAction {
  const sharing = effectiveSharing(networkId, input.server);
  if (sharing.mode === 'manual') {
    return {
      kind: 'manual',
      networkId,
      clipboardText: input.text,
      mediaUrl: input.mediaUrl ?? null,
      openUrl: sharing.openUrl,
      steps: sharing.steps,
      instructions: sharing.instructions,
    };
  }
  return {
    kind: 'intent',
    networkId,
    url: sharing.buildUrl(input),
    clipboardText: sharing.prefill === 'link_only' ? input.text : null,
  };
}

/**
 * True where the client must copy the caption itself because the network will not prefill it;
 * `server` as for {@link effectiveSharing}.
 */
export function mustCopyCaption(networkId: NetworkId, server?: string | null): boolean {
  const sharing = effectiveSharing(networkId, server);
  return sharing.mode === 'manual' || sharing.prefill === 'link_only';
}

/**
 * True where a phone should share through the system share sheet (`navigator.share`) rather than an
 * intent link: the network refuses a prefilled caption (manual sharing, or an intent that takes only
 * the link), or the post is about its picture (the network requires media), or the pack carries
 * media the sheet can pass as a file. Read from the network's definition, never from its id.
 */
export function prefersShareSheet(
  networkId: NetworkId,
  packHasMedia: boolean,
  server?: string | null,
): boolean {
  const network = getNetwork(networkId);
  return packHasMedia || network.media.required || mustCopyCaption(networkId, server);
}
