import { SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../app/i18n/format';
import { comparedWith } from '../change';
import type { Dashboard, KpiKey } from '../types';
import { FigureDefinition } from './FigureDefinition';
import { FigureTile } from './FigureTile';

/** The order of the tiles: what advocates earned first, then who took part. */
const TILE_ORDER: readonly KpiKey[] = [
  'reach',
  'clicks',
  'uniqueClicks',
  'emvMinor',
  'clickThroughRate',
  'shares',
  'activeAdvocates',
  'readyMembers',
  'shareRate',
];

const RATES: ReadonlySet<KpiKey> = new Set(['shareRate', 'clickThroughRate']);

/** The dashboard's figures of the window, each with its change and its definition. */
export function DashboardFigures({ dashboard }: { dashboard: Dashboard }) {
  const { t } = useTranslation();
  const format = useFormat();
  const compared = comparedWith(dashboard.window);
  const previousLabel = compared.yearBefore
    ? t('insights.vsYearBefore')
    : t('insights.vsPrevious', { count: compared.days });
  const show = (key: KpiKey, value: number | null): string => {
    if (value === null) return t('insights.noValue');
    if (key === 'emvMinor') return format.money(value, dashboard.currency);
    return RATES.has(key) ? format.percent(value) : format.integer(value);
  };
  return (
    <SimpleGrid cols={{ base: 2, md: 3 }} spacing={{ base: 'xs', sm: 'md' }}>
      {TILE_ORDER.map((key) => {
        const kpi = dashboard.kpis[key];
        return (
          <FigureTile
            key={key}
            id={key}
            label={t(`insights.figures.${key}`)}
            value={show(key, kpi.value)}
            change={kpi.change}
            previousLabel={previousLabel}
            // Readiness is counted now, not per period: its previous figure is the same one.
            note={key === 'readyMembers' ? t('insights.readyNow') : undefined}
            definition={
              <FigureDefinition figure={key} emv={{ ...dashboard.emv, currency: dashboard.currency }} />
            }
          />
        );
      })}
    </SimpleGrid>
  );
}
