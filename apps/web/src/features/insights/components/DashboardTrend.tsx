import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../app/i18n/format';
import { dashboardCsvHref, type DashboardFilters } from '../filters';
import type { Dashboard, SeriesPoint } from '../types';
import { FigureTable, type FigureColumn } from './FigureTable';
import { InsightsSection } from './InsightsSection';
import { TrendChart, type TrendLine } from './TrendChart';

/** Earned reach and clicks per day or week of the window, as lines or as a table. */
export function DashboardTrend({ dashboard, filters }: { dashboard: Dashboard; filters: DashboardFilters }) {
  const { t } = useTranslation();
  const format = useFormat();
  const bucket = dashboard.window.granularity;
  const lines: TrendLine<SeriesPoint>[] = [
    { key: 'reach', label: t('insights.figures.reach'), color: 'indigo', axis: 'left' },
    { key: 'clicks', label: t('insights.figures.clicks'), color: 'teal', axis: 'right' },
  ];
  const columns: FigureColumn<SeriesPoint>[] = [
    {
      key: 'start',
      label: t(`insights.columns.bucket.${bucket}`),
      render: (point) => format.localDay(point.start),
    },
    {
      key: 'shares',
      label: t('insights.figures.shares'),
      numeric: true,
      render: (p) => format.integer(p.shares),
    },
    {
      key: 'reach',
      label: t('insights.figures.reach'),
      numeric: true,
      render: (p) => format.integer(p.reach),
    },
    {
      key: 'clicks',
      label: t('insights.figures.clicks'),
      numeric: true,
      render: (p) => format.integer(p.clicks),
    },
    {
      key: 'uniqueClicks',
      label: t('insights.figures.uniqueClicks'),
      numeric: true,
      render: (p) => format.integer(p.uniqueClicks),
    },
    {
      key: 'emvMinor',
      label: t('insights.figures.emvMinor'),
      numeric: true,
      render: (p) => format.money(p.emvMinor, dashboard.currency),
    },
  ];
  return (
    <InsightsSection
      id="insights-trend"
      title={t('insights.trend.heading')}
      intro={t(`insights.trend.intro.${bucket}`)}
      csvHref={dashboardCsvHref('series', filters)}
      chart={
        <TrendChart
          points={dashboard.series}
          bucket={bucket}
          lines={lines}
          label={t('insights.trend.chartLabel')}
        />
      }
      table={
        <FigureTable
          caption={t('insights.trend.heading')}
          columns={columns}
          rows={dashboard.series}
          rowKey={(point) => point.start}
        />
      }
    />
  );
}
