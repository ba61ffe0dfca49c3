import {
  MAX_DASHBOARD_DAYS,
  comparisonWindow,
  daysInRange,
  defaultGranularity,
  type Granularity,
} from '@heimo/domain';
import { type FieldError, ValidationError } from '../../../infra/http/app-error';
import { leaderboardWindow, localDate } from '../leaderboard-window';
import type { DashboardPeriod, DashboardQueryDto } from './dto/dashboard-query.dto';

export interface ResolvedDashboardWindow {
  readonly from: string;
  readonly to: string;
  readonly previousFrom: string;
  readonly previousTo: string;
  readonly timezone: string;
  readonly granularity: Granularity;
}

const DEFAULT_PERIOD: DashboardPeriod = 'month';

/**
 * The days a dashboard reads, in the organisation's zone: the current period to date (`resolvePeriod`
 * through `leaderboardWindow`, as the leaderboards; a year starts on 1 January) or the `from`–`to`
 * days asked for, and the days to compare with (`comparisonWindow`: a year to date against the same
 * days of the previous year, anything else against as many days just before). Combinations the query DTO
 * cannot see are refused here, each naming its field.
 */
export function dashboardWindow(
  query: Pick<DashboardQueryDto, 'period' | 'from' | 'to' | 'granularity'>,
  timezone: string,
  now = new Date(),
): ResolvedDashboardWindow {
  const errors: FieldError[] = [];
  if (query.period && (query.from || query.to))
    errors.push({
      field: 'period',
      code: 'validation.exclusive',
      message: 'period cannot be given with from/to',
    });
  if (query.from && !query.to)
    errors.push({ field: 'to', code: 'validation.required', message: 'to is required with from' });
  if (query.to && !query.from)
    errors.push({ field: 'from', code: 'validation.required', message: 'from is required with to' });
  if (query.from && query.to) {
    const days = daysInRange(query.from, query.to);
    if (days < 1)
      errors.push({ field: 'from', code: 'validation.range_order', message: 'from must not be after to' });
    else if (days > MAX_DASHBOARD_DAYS)
      errors.push({
        field: 'to',
        code: 'validation.range_too_long',
        message: `the window must not be longer than ${MAX_DASHBOARD_DAYS} days`,
      });
  }
  if (errors.length) throw new ValidationError(errors);

  let days: { from: string; to: string };
  let period: DashboardPeriod | null = null;
  if (query.from && query.to) days = { from: query.from, to: query.to };
  else {
    period = query.period ?? DEFAULT_PERIOD;
    const to = localDate(now, timezone);
    // The leaderboards' periods (one rule, `resolvePeriod`); none of the dashboard's is unbounded.
    const from = leaderboardWindow(period, timezone, now).from ?? to;
    days = { from, to };
  }
  const previous = comparisonWindow(days, period);
  return {
    ...days,
    previousFrom: previous.from,
    previousTo: previous.to,
    timezone,
    granularity: query.granularity ?? defaultGranularity(days),
  };
}
