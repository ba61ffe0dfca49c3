export type { ShareCredit, ShareCreditContext, ShareCreditOutlook, UncreditedReason } from './share-credit';
export {
  CLICK_POINTS_CAP_SCOPE,
  DEFAULT_DAILY_CREDITED_SHARES,
  MAX_DAILY_CREDITED_SHARES,
  MIN_DAILY_CREDITED_SHARES,
  UNCREDITED_REASONS,
  decideShareCredit,
  earnsClickPoints,
  isUncreditedReason,
  shareCreditEffects,
  shareCreditOutlook,
} from './share-credit';
export type { AudienceDecision, AudiencePendingReason, AudienceReport } from './audience';
export {
  AUDIENCE_GROWTH_FACTOR,
  AUDIENCE_GROWTH_WINDOW_DAYS,
  AUDIENCE_PENDING_REASONS,
  DEFAULT_AUDIENCE_CEILING,
  MAX_AUDIENCE_CEILING,
  MIN_AUDIENCE_CEILING,
  decideAudience,
} from './audience';
export type { FanBoardSetting } from './fan-board';
export { DEFAULT_FAN_BOARD, FAN_BOARD_SETTINGS, boardKindFor, isFanBoardSetting } from './fan-board';
