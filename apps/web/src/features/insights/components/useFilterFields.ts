import { listNetworks } from '@heimo/domain';
import { useTranslation } from 'react-i18next';
import { useTeams } from '../../teams/hooks/useTeams';
import { LEADERBOARD_METRICS, MEMBER_KINDS, type DashboardPeriod, type LeaderboardPeriod } from '../types';
import type { FilterField } from './FilterBar';

/** The filter fields the insights pages share, labelled in the reader's language. */
export function useFilterFields() {
  const { t } = useTranslation();
  const teams = useTeams();
  return {
    period: (value: string, periods: readonly (DashboardPeriod | LeaderboardPeriod)[]): FilterField => ({
      name: 'period',
      label: t('insights.filters.period'),
      value,
      options: periods.map((period) => ({
        value: period,
        label: t(`insights.periods.${period}`),
      })),
    }),
    metric: (value: string): FilterField => ({
      name: 'metric',
      label: t('insights.filters.metric'),
      value,
      options: LEADERBOARD_METRICS.map((metric) => ({
        value: metric,
        label: t(`insights.figures.${metric}`),
      })),
    }),
    team: (value: string | null): FilterField => ({
      name: 'team',
      label: t('insights.filters.team'),
      value,
      anyLabel: t('insights.filters.anyTeam'),
      options: (teams.data ?? []).map((team) => ({ value: team.id, label: team.name })),
    }),
    network: (value: string | null): FilterField => ({
      name: 'network',
      label: t('insights.filters.network'),
      value,
      anyLabel: t('insights.filters.anyNetwork'),
      options: listNetworks().map((network) => ({ value: network.id, label: network.label })),
    }),
    kind: (value: string | null): FilterField => ({
      name: 'kind',
      label: t('insights.filters.kind'),
      value,
      anyLabel: t('insights.filters.anyKind'),
      options: MEMBER_KINDS.map((kind) => ({ value: kind, label: t(`insights.kinds.${kind}`) })),
    }),
    /** The team names by id, for entries that carry only the id. */
    teamName: (teamId: string | null): string | null =>
      teamId === null ? null : (teams.data?.find((team) => team.id === teamId)?.name ?? null),
  };
}
