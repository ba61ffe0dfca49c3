import { bucketStart, bucketStarts, defaultGranularity, previousWindow } from './dashboard-window';

describe('dashboard window', () => {
  it('compares with as many days just before', () => {
    expect(previousWindow({ from: '2026-11-01', to: '2026-11-23' })).toEqual({
      from: '2026-10-09',
      to: '2026-10-31',
    });
    expect(previousWindow({ from: '2026-11-23', to: '2026-11-23' })).toEqual({
      from: '2026-11-22',
      to: '2026-11-22',
    });
    expect(previousWindow({ from: '2024-03-01', to: '2024-03-31' })).toEqual({
      from: '2024-01-30',
      to: '2024-02-29',
    });
  });

  it('draws up to 62 days per day, longer windows per week', () => {
    expect(defaultGranularity({ from: '2026-01-01', to: '2026-03-03' })).toBe('day'); // 62 days
    expect(defaultGranularity({ from: '2026-01-01', to: '2026-03-04' })).toBe('week'); // 63 days
  });

  it('lists every day of a daily window', () => {
    expect(bucketStarts({ from: '2026-10-30', to: '2026-11-02' }, 'day')).toEqual([
      '2026-10-30',
      '2026-10-31',
      '2026-11-01',
      '2026-11-02',
    ]);
  });

  it('starts weeks on Monday, the first one clipped to the window', () => {
    const window = { from: '2026-11-01', to: '2026-11-23' }; // a Sunday to a Monday
    expect(bucketStarts(window, 'week')).toEqual([
      '2026-11-01',
      '2026-11-02',
      '2026-11-09',
      '2026-11-16',
      '2026-11-23',
    ]);
    expect(bucketStart('2026-11-01', window, 'week')).toBe('2026-11-01');
    expect(bucketStart('2026-11-08', window, 'week')).toBe('2026-11-02');
    expect(bucketStart('2026-11-23', window, 'week')).toBe('2026-11-23');
  });
});
