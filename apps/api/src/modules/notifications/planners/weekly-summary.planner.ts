import { Inject, Injectable } from '@nestjs/common';
import { EMAIL_FORMAT_LOCALES, WEEKLY_SUMMARY_LABELS, emailLocale } from '@heimo/content';
import { addDays } from '@heimo/domain';
import { APP_CONFIG, type AppConfig } from '../../../infra/config/config';
import { DashboardService } from '../../insights/dashboard/dashboard.service';
import type { DashboardDto, KpiDto } from '../../insights/dashboard/dto/dashboard.dto';
import type { QueuedEmail } from '../notifications.service';
import type { EmailPlanner, OrgClock } from './email-planner';
import { PlannersRepository, type SummaryLeader as Leader } from './planners.repository';

/** The weekly summary for leaders, on Mondays from DIGEST_HOUR: the leader dashboard's figures of last week. */
@Injectable()
export class WeeklySummaryPlanner implements EmailPlanner {
  constructor(
    private readonly plans: PlannersRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dashboards: DashboardService,
  ) {}

  async plan(clock: OrgClock): Promise<QueuedEmail[]> {
    if (clock.localHour < this.config.DIGEST_HOUR || clock.isoDow !== 1) return [];
    const leaders = await this.plans.summaryLeaders(clock.id, clock.isoWeek);
    if (!leaders.length) return [];
    // The week before this Monday, against the week before it: the leader dashboard's own figures.
    const to = addDays(clock.localDate, -1);
    const from = addDays(clock.localDate, -7);
    const summaries = await Promise.all(
      leaders.map((leader) =>
        this.dashboards.dashboard({ organisationId: clock.id, memberId: leader.id }, { from, to }),
      ),
    );
    return leaders.map((leader, index) => this.email(clock, leader, summaries[index] as DashboardDto));
  }

  private email(
    clock: OrgClock,
    leader: Leader,
    { kpis, topAdvocates, currency }: DashboardDto,
  ): QueuedEmail {
    const locale = emailLocale(leader.locale);
    const labels = WEEKLY_SUMMARY_LABELS[locale];
    const number = new Intl.NumberFormat(EMAIL_FORMAT_LOCALES[locale], { maximumFractionDigits: 0 });
    const money = new Intl.NumberFormat(EMAIL_FORMAT_LOCALES[locale], { style: 'currency', currency });
    const change = ({ value, previous }: KpiDto) =>
      !previous
        ? value
          ? labels.new
          : labels.unchanged
        : `${(value ?? 0) >= previous ? '+' : '−'}${number.format(Math.abs((((value ?? 0) - previous) / previous) * 100))} %`;
    const figures = [
      ['shares', kpis.shares, number],
      ['reach', kpis.reach, number],
      ['clicks', kpis.clicks, number],
      ['uniqueClicks', kpis.uniqueClicks, number],
      // EMV is in minor units (cents).
      ['earnedMediaValue', { ...kpis.emvMinor, value: (kpis.emvMinor.value ?? 0) / 100 }, money],
    ] as const;
    return {
      organisationId: clock.id,
      memberId: leader.id,
      kind: 'weekly_summary',
      dedupeKey: `weekly_summary:${leader.id}:${clock.isoWeek}`,
      recipient: leader.email,
      locale: leader.locale,
      data: {
        name: leader.name,
        periodLabel: clock.isoWeek,
        figures: figures.map(([key, kpi, format]) => ({
          label: labels[key],
          value: format.format(kpi.value ?? 0),
          change: change(kpi),
        })),
        advocates: topAdvocates
          .filter((row) => row.points > 0)
          .slice(0, 5)
          .map((row, rank) => ({
            rank: rank + 1,
            name: row.anonymous ? labels.anonymous : row.name,
            points: number.format(row.points),
          })),
        insightsUrl: `${this.config.publicUrl}/insights`,
      },
    };
  }
}
