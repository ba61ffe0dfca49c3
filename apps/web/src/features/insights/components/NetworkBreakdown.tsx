import { Group, Text } from '@mantine/core';
import { findNetwork } from '@heimo/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../app/i18n/format';
import { NetworkMark, networkLabel } from '../../profile/components/NetworkMark';
import { withFigures } from '../breakdown';
import { dashboardCsvHref, type DashboardFilters } from '../filters';
import type { Dashboard, NetworkRow } from '../types';
import { BreakdownChart } from './BreakdownChart';
import { EmptyTable } from './EmptyTable';
import { FigurePicker } from './FigurePicker';
import { FigureTable, type FigureColumn } from './FigureTable';
import { InsightsSection } from './InsightsSection';

type NetworkFigure = 'reach' | 'clicks' | 'uniqueClicks' | 'shares' | 'emvMinor';

const NETWORK_FIGURES: readonly NetworkFigure[] = ['reach', 'clicks', 'uniqueClicks', 'shares', 'emvMinor'];

/** The window's figures by network, each bar in the network's own colour. */
export function NetworkBreakdown({
  dashboard,
  filters,
}: {
  dashboard: Dashboard;
  filters: DashboardFilters;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [figure, setFigure] = useState<NetworkFigure>('reach');
  const networks = withFigures(dashboard.byNetwork);
  const show = (row: NetworkRow, key: NetworkFigure) =>
    key === 'emvMinor' ? format.money(row.emvMinor, dashboard.currency) : format.integer(row[key]);
  const columns: FigureColumn<NetworkRow>[] = [
    {
      key: 'network',
      label: t('insights.columns.network'),
      render: (row) => (
        <Group gap="xs" wrap="nowrap">
          <NetworkMark network={row.network} size={24} />
          <Text size="sm" fw="inherit">
            {networkLabel(row.network)}
          </Text>
        </Group>
      ),
    },
    ...NETWORK_FIGURES.map((key) => ({
      key,
      label: t(`insights.figures.${key}`),
      numeric: true,
      render: (row: NetworkRow) => show(row, key),
    })),
  ];
  return (
    <InsightsSection
      id="insights-networks"
      title={t('insights.byNetwork.heading')}
      csvHref={dashboardCsvHref('networks', filters)}
      chartControls={
        <FigurePicker
          id="insights-networks-figure"
          figures={NETWORK_FIGURES}
          value={figure}
          onChange={setFigure}
        />
      }
      chart={
        networks.length > 0 ? (
          <BreakdownChart
            label={t('insights.byNetwork.chartLabel', { figure: t(`insights.figures.${figure}`) })}
            figure={t(`insights.figures.${figure}`)}
            formatValue={
              figure === 'emvMinor' ? (value) => format.money(value, dashboard.currency) : undefined
            }
            bars={networks.map((row) => ({
              key: row.network,
              label: networkLabel(row.network),
              value: row[figure],
              color: findNetwork(row.network)?.brand.color ?? 'gray',
            }))}
          />
        ) : undefined
      }
      table={
        networks.length > 0 ? (
          <FigureTable
            caption={t('insights.byNetwork.heading')}
            columns={columns}
            rows={networks}
            rowKey={(row) => row.network}
          />
        ) : (
          <EmptyTable text={t('insights.byNetwork.empty')} />
        )
      }
    />
  );
}
