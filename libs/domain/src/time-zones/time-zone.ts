/** Longer than any IANA name (the longest is 32 characters), so nothing unbounded reaches Intl. */
const MAX_LENGTH = 64;

/** Answers already worked out: the same few names come back on every request (an organisation's zone). */
const answers = new Map<string, boolean>();
const MAX_ANSWERS = 1_000;

let listedByLowerCase: ReadonlyMap<string, string> | undefined;

/** The zones Intl lists, keyed by their lower-case spelling; built on first use. */
function listedZones(): ReadonlyMap<string, string> {
  listedByLowerCase ??= new Map(Intl.supportedValuesOf('timeZone').map((zone) => [zone.toLowerCase(), zone]));
  return listedByLowerCase;
}

/**
 * True for an IANA time-zone name that this runtime's Intl accepts, spelt as IANA spells it: `UTC`,
 * `Europe/Helsinki`, `Etc/GMT+2`, and the older or newer names of a zone (`Asia/Kolkata` and
 * `Asia/Calcutta`, `Europe/Kyiv`, `US/Pacific`), which browsers list and PostgreSQL knows as well. Intl
 * looks names up ignoring case, so case variants (`europe/helsinki`, `utc`) are refused here: an organisation
 * stores the name once, and every reader (Intl, PostgreSQL's AT TIME ZONE, the settings form) sees that.
 */
export function isTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LENGTH) return false;
  let answer = answers.get(value);
  if (answer === undefined) {
    // Building an Intl.DateTimeFormat costs tens of microseconds; the answer never changes for a runtime.
    answer = check(value);
    if (answers.size >= MAX_ANSWERS) answers.clear();
    answers.set(value, answer);
  }
  return answer;
}

function check(value: string): boolean {
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return false;
  }
  if (value === resolved) return true;
  const lower = value.toLowerCase();
  if (lower === resolved.toLowerCase()) return false;
  const listed = listedZones().get(lower);
  if (listed !== undefined) return listed === value;
  // An alias Intl does not list (Asia/Kolkata on some runtimes): IANA starts every part with a capital.
  return value.split('/').every((part) => /^[A-Z]/.test(part));
}
