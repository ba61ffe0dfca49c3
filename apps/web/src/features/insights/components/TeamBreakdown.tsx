import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../app/i18n/format';
import { dashboardCsvHref, type DashboardFilters } from '../filters';
import type { Dashboard, TeamRow } from '../types';
import { BreakdownChart } from './BreakdownChart';
import { EmptyTable } from './EmptyTable';
import { FigurePicker } from './FigurePicker';
import { FigureTable, type FigureColumn } from './FigureTable';
import { InsightsSection } from './InsightsSection';

type TeamFigure = 'reach' | 'clicks' | 'uniqueClicks' | 'shares' | 'points';

const TEAM_FIGURES: readonly TeamFigure[] = ['reach', 'clicks', 'uniqueClicks', 'shares', 'points'];

/** The window's figures by team, members in no team on a row of their own. */
export function TeamBreakdown({ dashboard, filters }: { dashboard: Dashboard; filters: DashboardFilters }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [figure, setFigure] = useState<TeamFigure>('reach');
  // Every team stays, those at zero included: a team that did not take part is worth seeing.
  const teams = dashboard.byTeam;
  const teamLabel = (row: TeamRow) => row.name ?? t('insights.noTeam');
  const columns: FigureColumn<TeamRow>[] = [
    { key: 'team', label: t('insights.columns.team'), render: teamLabel },
    {
      key: 'members',
      label: t('insights.columns.members'),
      numeric: true,
      render: (row) => format.integer(row.members),
    },
    ...TEAM_FIGURES.map((key) => ({
      key,
      label: t(`insights.figures.${key}`),
      numeric: true,
      render: (row: TeamRow) => format.integer(row[key]),
    })),
  ];
  return (
    <InsightsSection
      id="insights-teams"
      title={t('insights.byTeam.heading')}
      csvHref={dashboardCsvHref('teams', filters)}
      chartControls={
        <FigurePicker id="insights-teams-figure" figures={TEAM_FIGURES} value={figure} onChange={setFigure} />
      }
      chart={
        teams.length > 0 ? (
          <BreakdownChart
            label={t('insights.byTeam.chartLabel', { figure: t(`insights.figures.${figure}`) })}
            figure={t(`insights.figures.${figure}`)}
            bars={teams.map((row) => ({
              key: row.teamId ?? 'none',
              label: teamLabel(row),
              value: row[figure],
              color: row.teamId === null ? 'gray' : 'indigo',
            }))}
          />
        ) : undefined
      }
      table={
        teams.length > 0 ? (
          <FigureTable
            caption={t('insights.byTeam.heading')}
            columns={columns}
            rows={teams}
            rowKey={(row) => row.teamId ?? 'none'}
          />
        ) : (
          <EmptyTable text={t('insights.byTeam.empty')} />
        )
      }
    />
  );
}
