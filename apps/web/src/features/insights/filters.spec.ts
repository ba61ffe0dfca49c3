import {
  dashboardCsvHref,
  filterQuery,
  leaderboardCsvHref,
  readDashboardFilters,
  readLeaderboardFilters,
  readTeamLeaderboardFilters,
  teamLeaderboardCsvHref,
  withFilter,
} from './filters';

const TEAM = '0b7c6f1e-3a52-4c8e-9d0f-2f6a1b3c4d5e';

describe('reading filters from the URL', () => {
  it('takes the defaults when the URL names none', () => {
    expect(readDashboardFilters(new URLSearchParams())).toEqual({
      period: 'month',
      team: null,
      network: null,
      kind: null,
    });
    expect(readLeaderboardFilters(new URLSearchParams())).toEqual({
      metric: 'points',
      period: 'month',
      team: null,
      network: null,
      kind: null,
    });
  });

  it('reads every filter the URL sets', () => {
    const params = new URLSearchParams({ period: 'year', team: TEAM, network: 'linkedin', kind: 'fan' });
    expect(readDashboardFilters(params)).toEqual({
      period: 'year',
      team: TEAM,
      network: 'linkedin',
      kind: 'fan',
    });
  });

  it('ignores hand-edited values the API would refuse', () => {
    const params = new URLSearchParams({
      period: 'decade',
      team: 'not-a-uuid',
      network: 'myspace',
      kind: 'robot',
      metric: 'likes',
    });
    expect(readDashboardFilters(params)).toEqual({
      period: 'month',
      team: null,
      network: null,
      kind: null,
    });
    expect(readLeaderboardFilters(params).metric).toBe('points');
  });

  it('keeps each page to its own periods: all time on the leaderboards only', () => {
    expect(readDashboardFilters(new URLSearchParams({ period: 'all' })).period).toBe('month');
    expect(readLeaderboardFilters(new URLSearchParams({ period: 'year' })).period).toBe('year');
    expect(readLeaderboardFilters(new URLSearchParams({ period: 'all' })).period).toBe('all');
    expect(readLeaderboardFilters(new URLSearchParams({ period: 'decade' })).period).toBe('month');
  });

  it('has no team filter on the team leaderboard', () => {
    expect(readTeamLeaderboardFilters(new URLSearchParams({ team: TEAM }))).not.toHaveProperty('team');
  });
});

describe('changing a filter', () => {
  it('sets the value and keeps the other parameters', () => {
    const next = withFilter(new URLSearchParams({ period: 'week' }), 'network', 'x');
    expect(next.toString()).toBe('period=week&network=x');
  });

  it('drops a filter that goes back to any or to its default', () => {
    const params = new URLSearchParams({ period: 'week', network: 'x', metric: 'reach' });
    expect(withFilter(params, 'network', null).toString()).toBe('period=week&metric=reach');
    expect(withFilter(params, 'period', 'month').toString()).toBe('network=x&metric=reach');
    expect(withFilter(params, 'metric', 'points').toString()).toBe('period=week&network=x');
  });

  it('leaves the parameters it was given alone', () => {
    const params = new URLSearchParams({ period: 'week' });
    withFilter(params, 'period', 'year');
    expect(params.get('period')).toBe('week');
  });
});

describe('the query strings sent to the API', () => {
  it('leaves out filters set to any', () => {
    expect(filterQuery({ period: 'month', team: null, network: 'x', kind: null })).toEqual({
      period: 'month',
      network: 'x',
    });
  });

  it('links each dashboard table to its CSV with the same filters', () => {
    expect(
      dashboardCsvHref('networks', { period: 'quarter', team: TEAM, network: null, kind: 'employee' }),
    ).toBe(`/api/insights/dashboard.csv?table=networks&period=quarter&team=${TEAM}&kind=employee`);
  });

  it('links the leaderboards to their CSV without a limit', () => {
    expect(
      leaderboardCsvHref({ metric: 'clicks', period: 'all', team: null, network: 'bluesky', kind: null }),
    ).toBe('/api/leaderboards.csv?metric=clicks&period=all&network=bluesky');
    expect(teamLeaderboardCsvHref({ metric: 'points', period: 'week', network: null, kind: 'fan' })).toBe(
      '/api/leaderboards/teams.csv?metric=points&period=week&kind=fan',
    );
  });
});
