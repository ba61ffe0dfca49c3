import { minorToAmount, parseLocalDay } from './format';

describe('money in minor units', () => {
  it('divides by the digits of the currency', () => {
    expect(minorToAmount(123_456, 'EUR')).toBe(1234.56);
    expect(minorToAmount(1500, 'JPY')).toBe(1500);
    expect(minorToAmount(1_000, 'KWD')).toBe(1);
  });
});

describe('local days', () => {
  it('reads the day as it is written, whatever the time zone of the reader', () => {
    const day = parseLocalDay('2026-03-29');
    expect(day.toISOString()).toBe('2026-03-29T00:00:00.000Z');
    expect(new Intl.DateTimeFormat('fi', { dateStyle: 'medium', timeZone: 'UTC' }).format(day)).toBe(
      '29.3.2026',
    );
  });
});
