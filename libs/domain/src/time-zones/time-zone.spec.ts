import { isTimeZone } from './time-zone';

describe('isTimeZone', () => {
  it.each([
    'Europe/Helsinki',
    'America/Argentina/Buenos_Aires',
    'America/Port-au-Prince',
    'Africa/Dar_es_Salaam',
  ])('accepts the zone name %s', (zone) => expect(isTimeZone(zone)).toBe(true));

  it.each(['UTC', 'Etc/UTC', 'GMT', 'Etc/GMT+2', 'Etc/GMT-14'])('accepts the fixed zone %s', (zone) =>
    expect(isTimeZone(zone)).toBe(true),
  );

  // Node 20's ICU resolves the newer names to the older ones; browsers list either, and both must save.
  it.each(['Asia/Kolkata', 'Asia/Calcutta', 'Europe/Kyiv', 'Europe/Kiev', 'America/Nuuk', 'US/Pacific'])(
    'accepts the alias %s',
    (zone) => expect(isTimeZone(zone)).toBe(true),
  );

  it.each([
    'europe/helsinki',
    'EUROPE/HELSINKI',
    'utc',
    'Etc/utc',
    'etc/GMT+2',
    'asia/kolkata',
    'us/pacific',
  ])('refuses %s, spelt in another case than IANA spells it', (zone) => expect(isTimeZone(zone)).toBe(false));

  it.each([
    '',
    ' Europe/Helsinki',
    'Europe/Helsinki ',
    'Mars/Olympus',
    'Etc/GMT+13',
    '+02:00',
    'Z',
    'Europe',
  ])('refuses %j', (zone) => expect(isTimeZone(zone)).toBe(false));

  it('refuses what is not a string, and a name too long to be one', () => {
    expect(isTimeZone(undefined)).toBe(false);
    expect(isTimeZone(2)).toBe(false);
    expect(isTimeZone(['UTC'])).toBe(false);
    expect(isTimeZone(`Europe/${'A'.repeat(64)}`)).toBe(false);
  });

  it('accepts every zone this runtime lists', () => {
    expect(Intl.supportedValuesOf('timeZone').filter((zone) => !isTimeZone(zone))).toEqual([]);
  });
});
