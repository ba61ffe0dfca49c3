import { pushKeyProblem, quietHoursEnd } from './push';

const point = Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 7)]).toString('base64url');

describe('pushKeyProblem', () => {
  it.each([
    ['p256dh', point, null],
    ['p256dh', `${point}=`, null],
    ['p256dh', Buffer.alloc(65, 7).toString('base64url'), 'push.bad_key_length'],
    ['p256dh', Buffer.alloc(33, 4).toString('base64url'), 'push.bad_key_length'],
    ['p256dh', 'not base64!', 'push.bad_key_encoding'],
    ['auth', Buffer.alloc(16, 1).toString('base64url'), null],
    ['auth', Buffer.alloc(15, 1).toString('base64url'), 'push.bad_key_length'],
    ['auth', 'a+b/c', 'push.bad_key_encoding'],
  ] as const)('%s %s → %s', (name, value, problem) => {
    expect(pushKeyProblem(name, value)).toBe(problem);
  });
});

describe('quietHoursEnd', () => {
  const helsinki = 'Europe/Helsinki'; // UTC+2 in January
  it('holds a message sent inside quiet hours across midnight until they end, local time', () => {
    const now = Date.parse('2027-01-10T21:30:00Z'); // 23:30 in Helsinki
    expect(new Date(quietHoursEnd(now, helsinki, '22:00', '07:00')!).toISOString()).toBe(
      '2027-01-11T05:00:00.000Z',
    );
    const early = Date.parse('2027-01-11T03:00:00Z'); // 05:00
    expect(new Date(quietHoursEnd(early, helsinki, '22:00', '07:00')!).toISOString()).toBe(
      '2027-01-11T05:00:00.000Z',
    );
  });
  it('lets a message through outside quiet hours or when none are set', () => {
    const noon = Date.parse('2027-01-10T10:00:00Z');
    expect(quietHoursEnd(noon, helsinki, '22:00', '07:00')).toBeNull();
    expect(quietHoursEnd(noon, helsinki, '12:00', '13:00')).toBe(Date.parse('2027-01-10T11:00:00Z'));
    expect(quietHoursEnd(noon, helsinki, null, null)).toBeNull();
    expect(quietHoursEnd(noon, helsinki, '12:00', '12:00')).toBeNull();
  });
});
