// The rules the API applies to a profile, checked before sending so the member is told at once.

/** The API's bounds (apps/api profiles DTO): a handle of 1..100 characters, an audience of 0..2e9. */
export const MAX_HANDLE_LENGTH = 100;
export const MAX_AUDIENCE_SIZE = 2_000_000_000;
/** Control, format (bidi overrides, zero-width) and line/paragraph separator characters. */
const HIDDEN_CHARACTERS = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

export type HandleProblem = 'required' | 'tooLong' | 'hiddenCharacters';
export type AudienceProblem = 'required' | 'notWhole' | 'outOfRange';

export function handleProblem(input: string): HandleProblem | null {
  const handle = input.trim();
  if (!handle) return 'required';
  // Counted in code points, as the API's length check counts them.
  if ([...handle].length > MAX_HANDLE_LENGTH) return 'tooLong';
  if (HIDDEN_CHARACTERS.test(handle)) return 'hiddenCharacters';
  return null;
}

/** The group separator of the locale ("," in English, a no-break space in Finnish). */
function groupSeparator(locale: string): string {
  return (
    new Intl.NumberFormat(locale).formatToParts(1_000_000).find((part) => part.type === 'group')?.value ?? ','
  );
}

/**
 * Reads an audience size as typed: digits, with spaces or the locale's group separator between
 * them ("1 200", "1,200" in English). Anything else is not a whole number.
 */
export function parseAudienceSize(
  input: string,
  locale: string,
): { value: number; problem: null } | { value: null; problem: AudienceProblem } {
  const separator = groupSeparator(locale);
  const compact = input
    .replace(/[\s\u00A0\u202F]/g, '')
    .split(separator)
    .join('');
  if (!compact) return { value: null, problem: 'required' };
  if (/^-\d+$/.test(compact)) return { value: null, problem: 'outOfRange' };
  if (!/^\d+$/.test(compact)) return { value: null, problem: 'notWhole' };
  const value = Number(compact);
  if (value > MAX_AUDIENCE_SIZE) return { value: null, problem: 'outOfRange' };
  return { value, problem: null };
}
