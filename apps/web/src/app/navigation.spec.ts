import {
  entriesFor,
  homeEntry,
  homePath,
  homeRole,
  landingPath,
  navEntries,
  safeNextPath,
} from './navigation';

describe('the navigation table', () => {
  it('gives each role its own entries and a person with several roles the union, in table order', () => {
    expect(entriesFor(['advocate']).map((entry) => entry.id)).toEqual([
      'feed',
      'training',
      'impact',
      'profile',
    ]);
    expect(entriesFor(['leader', 'advocate']).map((entry) => entry.id)).toEqual([
      'feed',
      'training',
      'impact',
      'profile',
      'insights',
    ]);
    expect(entriesFor(['admin']).map((entry) => entry.id)).toEqual([
      'people',
      'teams',
      'settings',
      'integrations',
      'auditLog',
      'outbox',
    ]);
  });

  it('takes the home of the first of admin, curator, leader, advocate held', () => {
    expect(homeRole(['advocate', 'leader'])).toBe('leader');
    expect(homeRole(['advocate', 'curator', 'admin'])).toBe('admin');
    expect(homeEntry(['advocate', 'curator'])?.id).toBe('studio');
    expect(homeRole([])).toBeNull();
  });

  it('lands an advocate on the feed, their home, once it is ready', () => {
    expect(landingPath(['advocate'])).toBe('/feed');
  });

  it('lands a leader on Insights, their home, once it is ready', () => {
    expect(landingPath(['leader'])).toBe('/insights');
    expect(landingPath(['advocate', 'leader'])).toBe('/insights');
  });

  it('lands on the placeholder home when no role the web knows has a home', () => {
    expect(landingPath([])).toBe(homePath);
  });

  it('lands a curator on the studio, their home, once it is ready', () => {
    expect(landingPath(['curator'])).toBe('/studio');
  });

  it('lands an admin on People, their home, once it is ready', () => {
    expect(landingPath(['advocate', 'admin'])).toBe('/people');
  });

  it('links every page of advocates, curators and leaders', () => {
    const ready = navEntries.filter((entry) => entry.ready).map((entry) => entry.id);
    expect(ready).toEqual(
      expect.arrayContaining([
        'feed',
        'training',
        'impact',
        'profile',
        'trainingModules',
        'studio',
        'insights',
      ]),
    );
    expect(entriesFor(['leader']).filter((entry) => !entry.ready)).toEqual([]);
    expect(entriesFor(['advocate']).filter((entry) => !entry.ready)).toEqual([]);
  });

  it('has one path per entry', () => {
    expect(new Set(navEntries.map((entry) => entry.path)).size).toBe(navEntries.length);
  });
});

describe('the destination after sign-in', () => {
  it('accepts paths inside the app only', () => {
    expect(safeNextPath('/people?tab=invited')).toBe('/people?tab=invited');
    expect(safeNextPath('//evil.example')).toBeNull();
    expect(safeNextPath('https://evil.example')).toBeNull();
    expect(safeNextPath('/login')).toBeNull();
    expect(safeNextPath(null)).toBeNull();
  });
});
