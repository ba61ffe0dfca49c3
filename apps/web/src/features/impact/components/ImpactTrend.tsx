import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../app/i18n/format';
import { FigureTable } from '../../insights/components/FigureTable';
import { InsightsSection } from '../../insights/components/InsightsSection';
import { TrendChart } from '../../insights/components/TrendChart';
import type { ImpactPoint, MyImpact } from '../types';

/** The member's reach and clicks per day, week or month of the period, as lines or as a table. */
export function ImpactTrend({ impact }: { impact: MyImpact }) {
  const { t } = useTranslation();
  const format = useFormat();
  const bucket = impact.window.granularity;
  return (
    <InsightsSection
      id="impact-trend"
      title={t('impact.trend.heading')}
      chart={
        <TrendChart
          points={impact.series}
          bucket={bucket}
          label={t('impact.trend.chartLabel')}
          lines={[
            { key: 'reach', label: t('insights.figures.reach'), color: 'indigo', axis: 'left' },
            { key: 'clicks', label: t('insights.figures.clicks'), color: 'teal', axis: 'right' },
          ]}
        />
      }
      table={
        <FigureTable
          caption={t('impact.trend.heading')}
          rows={impact.series}
          rowKey={(point) => point.start}
          minWidth={320}
          columns={[
            {
              key: 'start',
              label: t(`insights.columns.bucket.${bucket}`),
              render: (point) => format.bucket(point.start, bucket),
            },
            ...(['shares', 'reach', 'clicks', 'points'] as const).map((key) => ({
              key,
              label: t(`insights.figures.${key}`),
              numeric: true,
              render: (point: ImpactPoint) => format.integer(point[key]),
            })),
          ]}
        />
      }
    />
  );
}
