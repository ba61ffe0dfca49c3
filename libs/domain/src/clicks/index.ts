export type { PreviewReason, VisitClass, VisitSignals } from './visit-classifier';
export { PREVIEW_REASONS, classifyUserAgent, classifyVisit, isPrefetchRequest } from './visit-classifier';
export type { ClickCandidate } from './unique-clicks';
export { UNIQUE_CLICK_WINDOW_MS, markUniqueClicks, nextClickPoints } from './unique-clicks';
export type { ClickExclusionReason, ShareFlagReason, ShareFlagRule } from './network-anomalies';
export {
  CLICK_EXCLUSION_REASONS,
  DEFAULT_NETWORK_DAILY_LIMIT,
  SHARE_FLAG_REASONS,
  SHARE_FLAG_RULE,
  exclusionForNetworkRank,
  isShareFlagged,
} from './network-anomalies';
