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
  PostJobStatus,
} from './connected-network';
export {
  ConnectedNetworkError,
  MAX_POST_SCHEDULE_AHEAD_MS,
  POST_JOB_STATUSES,
  retryableAfter,
} from './connected-network';
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
