export type {
  AccountCredentials,
  ConnectMethod,
  ConnectedNetworkAdapter,
  ConnectedNetworkErrorKind,
  Engagement,
  MediaFile,
  NetworkApiAccess,
  PostDraft,
  RemoteAccount,
  RemotePost,
  WithCredentials,
} from './connected-network';
export { ConnectedNetworkError, retryableAfter } from './connected-network';
export type { UnverifiedSharePolicy } from './share-verification';
export {
  DEFAULT_UNVERIFIED_SHARE_POLICY,
  ENGAGEMENT_COLLECTIONS_AFTER_MS,
  POST_BEFORE_SHARE_TOLERANCE_MS,
  UNVERIFIED_SHARE_POLICIES,
  VERIFICATION_CHECKS_AFTER_MS,
  VERIFICATION_DEADLINE_MS,
  engagementTotal,
  findSharePost,
  nextEngagementAt,
  nextVerificationAt,
  normaliseLink,
  postCarriesLink,
  verifiedReach,
} from './share-verification';
