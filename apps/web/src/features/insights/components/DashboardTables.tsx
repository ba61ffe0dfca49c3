import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../app/i18n/format';
import { dashboardCsvHref, type DashboardFilters } from '../filters';
import type { AdvocateRow, AnomalyRow, Dashboard, LocaleRow, PackRow } from '../types';
import { EmptyTable } from './EmptyTable';
import { FigureTable, type FigureColumn } from './FigureTable';
import { InsightsSection } from './InsightsSection';
import { useFilterFields } from './useFilterFields';

type Figures = 'shares' | 'reach' | 'clicks' | 'uniqueClicks';

/** The window's figures by language, the packs that brought most clicks and the advocates with most points. */
export function DashboardTables({ dashboard, filters }: { dashboard: Dashboard; filters: DashboardFilters }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { teamName } = useFilterFields();
  const figureColumns = <Row extends Partial<Record<Figures, number>>>(
    keys: readonly (Figures & keyof Row)[],
  ): FigureColumn<Row>[] =>
    keys.map((key) => ({
      key,
      label: t(`insights.figures.${key}`),
      numeric: true,
      render: (row: Row) => format.integer(row[key] ?? 0),
    }));
  const localeColumns: FigureColumn<LocaleRow>[] = [
    { key: 'locale', label: t('insights.columns.language'), render: (row) => format.language(row.locale) },
    ...figureColumns<LocaleRow>(['shares', 'reach', 'clicks', 'uniqueClicks']),
  ];
  const packColumns: FigureColumn<PackRow>[] = [
    {
      key: 'pack',
      label: t('insights.columns.pack'),
      render: (row) => (
        <Text size="sm" fw="inherit" style={{ overflowWrap: 'anywhere' }} miw={160}>
          {row.title}
        </Text>
      ),
    },
    ...figureColumns<PackRow>(['clicks', 'uniqueClicks', 'shares', 'reach']),
  ];
  const advocateColumns: FigureColumn<AdvocateRow>[] = [
    {
      key: 'advocate',
      label: t('insights.columns.advocate'),
      render: (row) =>
        row.anonymous ? (
          <Text size="sm" fs="italic" c="dimmed">
            {t('insights.anonymous')}
          </Text>
        ) : (
          row.name
        ),
    },
    {
      key: 'team',
      label: t('insights.columns.team'),
      render: (row) => (row.anonymous ? '' : (teamName(row.teamId) ?? t('insights.noTeam'))),
    },
    {
      key: 'points',
      label: t('insights.figures.points'),
      numeric: true,
      render: (row) => format.integer(row.points),
    },
    ...figureColumns<AdvocateRow>(['reach', 'clicks', 'shares']),
  ];
  const rule = dashboard.flagRule;
  // The reasons go under the advocate's name, so a phone shows them without scrolling the table.
  const anomalyColumns: FigureColumn<AnomalyRow>[] = [
    {
      key: 'advocate',
      label: t('insights.columns.advocate'),
      render: (row) => (
        <Stack gap={4} miw={120}>
          {row.anonymous ? (
            <Text size="sm" fs="italic" c="dimmed">
              {t('insights.anonymous')}
            </Text>
          ) : (
            <Text size="sm" fw={500}>
              {row.name}
              <Text span size="xs" c="dimmed">
                {' · '}
                {teamName(row.teamId) ?? t('insights.noTeam')}
              </Text>
            </Text>
          )}
          {row.exclusionReason && (
            <Text size="xs">
              {t(`insights.anomalies.reasons.${row.exclusionReason}`, {
                count: row.excludedClicks,
                limit: format.integer(row.networkDailyLimit),
              })}
            </Text>
          )}
          {row.flagReason && (
            <Text size="xs">
              {t(`insights.anomalies.reasons.${row.flagReason}`, {
                count: row.flaggedShares,
                share: format.percent(row.topNetworksShare),
                top: format.integer(rule.topNetworks),
              })}
            </Text>
          )}
        </Stack>
      ),
    },
    {
      key: 'excludedClicks',
      label: t('insights.anomalies.excludedClicks'),
      numeric: true,
      render: (row) => format.integer(row.excludedClicks),
    },
    {
      key: 'flaggedShares',
      label: t('insights.anomalies.flaggedShares'),
      numeric: true,
      render: (row) => format.integer(row.flaggedShares),
    },
  ];
  return (
    <>
      <InsightsSection
        id="insights-anomalies"
        title={t('insights.anomalies.heading')}
        intro={t('insights.anomalies.intro', {
          limit: format.integer(dashboard.anomalies[0]?.networkDailyLimit ?? 5),
          visitors: format.integer(rule.minVisitors),
          top: format.integer(rule.topNetworks),
          share: format.percent(rule.minShare),
        })}
        csvHref={dashboardCsvHref('anomalies', filters)}
        table={
          dashboard.anomalies.length > 0 ? (
            <FigureTable
              caption={t('insights.anomalies.heading')}
              columns={anomalyColumns}
              rows={dashboard.anomalies}
              rowKey={(row, index) => row.memberId ?? `anonymous-${index}`}
              minWidth={300}
            />
          ) : (
            <EmptyTable text={t('insights.anomalies.empty')} />
          )
        }
      />
      <InsightsSection
        id="insights-packs"
        title={t('insights.topPacks.heading')}
        intro={t('insights.topPacks.intro')}
        csvHref={dashboardCsvHref('packs', filters)}
        table={
          dashboard.topPacks.length > 0 ? (
            <FigureTable
              caption={t('insights.topPacks.heading')}
              columns={packColumns}
              rows={dashboard.topPacks}
              rowKey={(row) => row.packId}
            />
          ) : (
            <EmptyTable text={t('insights.topPacks.empty')} />
          )
        }
      />
      <InsightsSection
        id="insights-advocates"
        title={t('insights.topAdvocates.heading')}
        intro={t('insights.topAdvocates.intro')}
        csvHref={dashboardCsvHref('advocates', filters)}
        table={
          dashboard.topAdvocates.length > 0 ? (
            <FigureTable
              caption={t('insights.topAdvocates.heading')}
              columns={advocateColumns}
              rows={dashboard.topAdvocates}
              rowKey={(row, index) => row.memberId ?? `anonymous-${index}`}
            />
          ) : (
            <EmptyTable text={t('insights.topAdvocates.empty')} />
          )
        }
      />
      <InsightsSection
        id="insights-locales"
        title={t('insights.byLocale.heading')}
        intro={t('insights.byLocale.intro')}
        csvHref={dashboardCsvHref('locales', filters)}
        table={
          dashboard.byLocale.length > 0 ? (
            <FigureTable
              caption={t('insights.byLocale.heading')}
              columns={localeColumns}
              rows={dashboard.byLocale}
              rowKey={(row) => row.locale}
              minWidth={480}
            />
          ) : (
            <EmptyTable text={t('insights.byLocale.empty')} />
          )
        }
      />
    </>
  );
}
