export type { CpmRates, ReachRow } from './earned-reach';
export { earnedMediaValue, earnedReach, shareReach } from './earned-reach';
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
