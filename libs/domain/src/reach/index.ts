export type { CpmRates, ReachRow } from './earned-reach';
export {
  MAX_CPM_MINOR,
  amountToMinor,
  cpmMinorProblem,
  currencyCodes,
  currencyDigits,
  isCurrencyCode,
  earnedMediaValue,
  earnedReach,
  minorToAmount,
  minorToAmountText,
  shareReach,
} from './earned-reach';
export type { PointsRules } from './points';
export {
  DEFAULT_POINTS_RULES,
  clickPoints,
  clickPointsDelta,
  memberPoints,
  resolvePointsRules,
  sharePoints,
  trainingPoints,
} from './points';
