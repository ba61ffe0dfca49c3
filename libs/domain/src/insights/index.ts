export { addDays, daysInRange, isCalendarDay, mondayOf, sameDayYearBefore } from './calendar-days';
export type { DayWindow, Granularity } from './dashboard-window';
export {
  GRANULARITIES,
  MAX_DAILY_BUCKET_DAYS,
  MAX_DASHBOARD_DAYS,
  bucketStart,
  bucketStarts,
  comparisonWindow,
  defaultGranularity,
  previousWindow,
  sameDaysYearBefore,
} from './dashboard-window';
export type { Kpi } from './kpi';
export { kpi, ratio, relativeChange } from './kpi';
export { NO_NETWORK } from './no-network';
