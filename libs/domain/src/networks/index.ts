export type {
  CaptionRule,
  HashtagAdvice,
  IntentSharing,
  LengthCounting,
  LinkPlacement,
  ManualShareStep,
  ManualSharing,
  MediaKind,
  NetworkBrand,
  NetworkDefinition,
  NetworkSharing,
  PostDisplay,
  ServerIntent,
  ShareIntentInput,
  TextRule,
} from './network';
export { MEDIA_KINDS, defineNetwork } from './network';
export type { Network, NetworkId } from './registry';
export { NETWORK_IDS, defaultCpmTable, findNetwork, getNetwork, isNetworkId, listNetworks } from './registry';
export type { FoldedCaption } from './post-display';
export { foldCaption, imageAspectRatio } from './post-display';
export type { MeasuredText } from './text-length';
export {
  countCodePoints,
  countGraphemes,
  countLength,
  countThreads,
  countUtf8Bytes,
  measureText,
  withFixedLengthLinks,
  splitGraphemes,
} from './text-length';
export { countXWeighted, extractHashtags, extractLinks, xCountingText } from './x-text';
export type { ShareAction } from './share-action';
export {
  buildShareAction,
  buildShareIntentUrl,
  effectiveSharing,
  mustCopyCaption,
  prefersShareSheet,
} from './share-action';
export type { ServerAddress, ServerAddressProblem } from './server-address';
export { parseServerAddress } from './server-address';
export { encodeQueryValue, textHoldsLink, textWithLink, toWellFormed } from './intent-url';
