import type { NetworkApiAccess } from '../connected/connected-network';

/** Kinds of media a network post can carry. */
export type MediaKind = 'image' | 'video' | 'gif';

export const MEDIA_KINDS: readonly MediaKind[] = ['image', 'video', 'gif'];

/**
 * How a network measures text length.
 * - `code_points`: Unicode code points, what most networks call "characters".
 * - `graphemes`: user-perceived characters (`Intl.Segmenter`), Bluesky.
 * - `x_weighted`: the official twitter-text weighting; CJK and emoji count 2, and every URL counts
 *   the rule's `linkLength` (X wraps each link in a t.co link of that length).
 * - `threads`: code points, except that an emoji counts its UTF-8 byte length (Threads API rule).
 */
export type LengthCounting = 'code_points' | 'graphemes' | 'x_weighted' | 'threads';

export interface TextRule {
  /** Largest allowed length, measured with `counting`. */
  readonly limit: number;
  readonly counting: LengthCounting;
  /** A second, byte-based cap some networks enforce on top of `limit` (UTF-8). */
  readonly maxUtf8Bytes?: number;
  /**
   * Where every link counts a fixed length whatever its real length, that length: X wraps each link
   * in a t.co link of 23, Mastodon counts each link 23. Every counting honours it: `x_weighted` for
   * the links X recognises (with or without a scheme), the others for every `http(s)://` link, the
   * ones Mastodon recognises (a bare `example.com` is counted as typed).
   */
  readonly linkLength?: number;
}

export interface CaptionRule extends TextRule {
  /** Most distinct links a post may hold, where the network caps them. */
  readonly maxLinks?: number;
  /** Most hashtags a post may hold, where the network caps them. */
  readonly maxHashtags?: number;
}

/**
 * Where the pack's tracked link travels when a person shares.
 * - `text`: inside the caption; the caption must contain it.
 * - `parameter`: as its own share-intent parameter; the caption may omit it.
 * - `none`: the network does not carry links in posts (Instagram captions are not clickable).
 */
export type LinkPlacement = 'text' | 'parameter' | 'none';

/** What a share-intent URL is built from. */
export interface ShareIntentInput {
  /** The final caption, exactly as it should appear. */
  readonly text: string;
  /** The tracked link, or null when the pack has no link. */
  readonly link?: string | null;
  /** Title or subject, for networks that have one (Pinterest title, Tumblr title, e-mail subject). */
  readonly title?: string | null;
  /** Absolute URL of the media to attach, for networks that take one by URL (Pinterest). */
  readonly mediaUrl?: string | null;
  /**
   * The member's own server (`https://example.social`), for networks whose share page lives there
   * (Mastodon, {@link ManualSharing.onServer}); known once the member has connected an account on it.
   * Networks without a share page of their own server ignore it.
   */
  readonly server?: string | null;
}

export interface IntentSharing {
  readonly mode: 'intent';
  /**
   * `text`: the network prefills the caption. `link_only`: the official endpoint takes only the
   * link (Facebook, LinkedIn, Xing), so the client copies the caption to the clipboard first.
   */
  readonly prefill: 'text' | 'link_only';
  /** Builds the share-intent URL; every parameter is percent-encoded. */
  readonly buildUrl: (input: ShareIntentInput) => string;
}

/** One step a person takes by hand where a network has no share intent. */
export type ManualShareStep =
  'copy_caption' | 'download_media' | 'open_app' | 'create_post' | 'paste_caption';

export interface ManualSharing {
  readonly mode: 'manual';
  /** Where to send the person after the caption is copied, if anywhere. */
  readonly openUrl: string | null;
  readonly steps: readonly ManualShareStep[];
  /** The steps in plain English; clients translate `steps` instead where they can. */
  readonly instructions: string;
  /**
   * For a network whose share page lives on each member's own server (Mastodon: every server has
   * `/share?text=`), the intent used instead of the manual steps when the share knows the member's
   * server (`ShareIntentInput.server`, from their connected account). Without a server, the steps.
   */
  readonly onServer?: ServerIntent;
}

/** A share intent on the member's own server; `server` is an `https://host[:port]` origin. */
export interface ServerIntent {
  readonly prefill: 'text' | 'link_only';
  readonly buildUrl: (input: ShareIntentInput & { readonly server: string }) => string;
}

export type NetworkSharing = IntentSharing | ManualSharing;

export interface NetworkBrand {
  /** Brand colour as `#RRGGBB`. */
  readonly color: string;
  /** Icon name, matching the Tabler/Simple Icons slug the web client uses. */
  readonly icon: string;
  /** One or two characters shown where no icon is available. */
  readonly letter: string;
}

export interface HashtagAdvice {
  /** How many hashtags work best; 0 where hashtags do nothing. */
  readonly recommended: number;
  readonly advice: string;
}

/**
 * How the network shows a post in a feed, for previews: approximately what its mobile app shows,
 * since networks change it without notice.
 */
export interface PostDisplay {
  /**
   * `link_card`: a link in the post becomes a card (picture, site, title). `image`: the post is its
   * picture; links do not make a card.
   */
  readonly shows: 'link_card' | 'image';
  /** Width and height of the picture as the feed crops it. */
  readonly imageRatio: readonly [width: number, height: number];
  /** Characters of the caption shown before a "more" link; null where the whole caption shows. */
  readonly captionFold: number | null;
}

export interface NetworkDefinition<Id extends string = string> {
  readonly id: Id;
  readonly label: string;
  readonly brand: NetworkBrand;
  readonly caption: CaptionRule;
  /** A separate title field and its rule (Pinterest title, e-mail subject), if the network has one. */
  readonly title?: TextRule;
  readonly linkPlacement: LinkPlacement;
  /**
   * Whether Heimo can read the member's posts on the network and post for them through its API
   * (connected accounts): open to anyone, for partners only, or not at all.
   */
  readonly api: NetworkApiAccess;
  readonly media: { readonly required: boolean; readonly kinds: readonly MediaKind[] };
  readonly sharing: NetworkSharing;
  readonly hashtags: HashtagAdvice;
  readonly display: PostDisplay;
  /**
   * Default earned-media CPM (value of a thousand impressions) in integer minor units, euro cents,
   * used until an organisation enters its own rates. Industry-typical estimates, not quotes.
   */
  readonly defaultCpmMinor: number;
}

/** Declares one network; keeps its id literal so the registry can derive `NetworkId`. */
export function defineNetwork<const Id extends string>(
  definition: NetworkDefinition<Id>,
): NetworkDefinition<Id> {
  return Object.freeze(definition);
}
