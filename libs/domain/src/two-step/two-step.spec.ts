import { RECOVERY_CODE_PATTERN, readAuthenticatorCode, readSecondStepCode } from './two-step';

describe('readSecondStepCode', () => {
  it.each([
    ['123456', { kind: 'authenticator', code: '123456' }],
    [' 123 456 ', { kind: 'authenticator', code: '123456' }],
    ['123-456', { kind: 'authenticator', code: '123456' }],
    ['abcde-23456', { kind: 'recovery', code: 'abcde-23456' }],
    ['ABCDE-23456', { kind: 'recovery', code: 'abcde-23456' }],
    ['abcde23456', { kind: 'recovery', code: 'abcde-23456' }],
    [' abcde 23456 ', { kind: 'recovery', code: 'abcde-23456' }],
  ])('reads %j', (input, expected) => {
    expect(readSecondStepCode(input)).toEqual(expected);
  });

  it.each<[unknown, string]>([
    ['', 'empty'],
    ['12345', 'five digits'],
    ['1234567', 'seven digits'],
    ['12345a', 'a letter among digits'],
    ['１２３４５６', 'full-width digits'],
    ['abcde-2345', 'a short recovery code'],
    ['abcd0-23456', 'a 0, which recovery codes never hold'],
    ['abcde-23456-', 'a trailing dash'],
    ['9'.repeat(41), 'oversized'],
    [123456, 'a number, not text'],
    [null, 'null'],
  ])('refuses %j (%s)', (input) => {
    expect(readSecondStepCode(input)).toBeUndefined();
  });

  it('takes only an app code where a recovery code does not serve', () => {
    expect(readAuthenticatorCode('123 456')).toBe('123456');
    expect(readAuthenticatorCode('abcde-23456')).toBeUndefined();
    expect(RECOVERY_CODE_PATTERN.test('abcde-23456')).toBe(true);
  });
});
