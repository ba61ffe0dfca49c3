import { SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../app/i18n/format';
import { comparedWith } from '../../insights/change';
import { FigureDefinition } from '../../insights/components/FigureDefinition';
import { FigureTile } from '../../insights/components/FigureTile';
import { IMPACT_FIGURES, type MyImpact } from '../types';

/** The member's figures of the period, each with its change and what it means. */
export function ImpactFigures({ impact }: { impact: MyImpact }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { window } = impact;
  const compared = window.from !== null ? comparedWith({ ...window, from: window.from }) : null;
  const previousLabel =
    compared === null
      ? ''
      : compared.yearBefore
        ? t('insights.vsYearBefore')
        : t('insights.vsPrevious', { count: compared.days });
  return (
    <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="xs">
      {IMPACT_FIGURES.map((key) => {
        const kpi = impact.figures[key];
        return (
          <FigureTile
            key={key}
            id={key}
            label={t(`insights.figures.${key}`)}
            value={kpi.value === null ? t('insights.noValue') : format.integer(kpi.value)}
            change={kpi.change}
            previousLabel={previousLabel}
            note={window.from === null ? t('impact.allTime') : undefined}
            definition={<FigureDefinition figure={key} />}
          />
        );
      })}
    </SimpleGrid>
  );
}
