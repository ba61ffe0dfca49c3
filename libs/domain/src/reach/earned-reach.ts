/** Earned media value rates: cost per thousand impressions per network, in integer minor units (cents). */
export type CpmRates = Readonly<Partial<Record<string, number>>>;

/** A share, or a rollup row, as the reach rules need it. */
export interface ReachRow {
  readonly networkId: string;
  /** Reach in people; for a share, the audience-size snapshot taken when it was made. */
  readonly reach: number;
}

function nonNegativeInteger(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`${what} must be a non-negative integer, got ${value}`);
  return value;
}

/** Reach of one share: the audience size snapshotted when it was made. */
export function shareReach(share: { readonly audienceSize: number }): number {
  return nonNegativeInteger(share.audienceSize, 'audienceSize');
}

/** Earned reach over a set of shares or rollup rows: the sum of their reach. */
export function earnedReach(rows: readonly { readonly reach: number }[]): number {
  let total = 0;
  for (const row of rows) total += nonNegativeInteger(row.reach, 'reach');
  return total;
}

/**
 * Earned media value = Σ reach / 1000 × CPM of the row's network, in integer minor units.
 * Exact integer arithmetic (BigInt) over the whole sum, then one rounding, half up, at the end, so
 * splitting the same rows differently never changes the total by more than that one rounding.
 * A network without a rate (or with rate 0) adds nothing.
 */
export function earnedMediaValue(rows: readonly ReachRow[], cpm: CpmRates): number {
  let thousandths = 0n;
  for (const row of rows) {
    const rate = cpm[row.networkId];
    if (rate === undefined || rate === 0) continue;
    thousandths +=
      BigInt(nonNegativeInteger(row.reach, 'reach')) *
      BigInt(nonNegativeInteger(rate, `CPM of ${row.networkId}`));
  }
  return Number((thousandths + 500n) / 1000n);
}

/** How many digits the currency's minor unit has (EUR 2, JPY 0, KWD 3), as Intl knows it. */
export function currencyDigits(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

/** An amount in minor units (EMV in cents) in the currency's major units: 123456 EUR cents → 1234.56. */
export function minorToAmount(minor: number, currency: string): number {
  return minor / 10 ** currencyDigits(currency);
}

/**
 * The same amount written for a file a reader opens in a spreadsheet: major units with all the
 * currency's digits, a point for the decimals (123456 EUR cents → `1234.56`, 1500 JPY → `1500`).
 */
export function minorToAmountText(minor: number, currency: string): string {
  return minorToAmount(minor, currency).toFixed(currencyDigits(currency));
}

/** The largest earned-media CPM a rate may be: 1 000 000 minor units (10 000 EUR), far above any real media rate. */
export const MAX_CPM_MINOR = 1_000_000;

/** Why a CPM in minor units is refused, or null when it is a rate: a whole number from 0 to `MAX_CPM_MINOR`. */
export function cpmMinorProblem(minor: number): 'not_integer' | 'negative' | 'too_large' | null {
  if (!Number.isSafeInteger(minor)) return 'not_integer';
  if (minor < 0) return 'negative';
  if (minor > MAX_CPM_MINOR) return 'too_large';
  return null;
}

/**
 * An amount in the currency's major units as integer minor units (30.5 EUR → 3050), or null when it
 * has more decimals than the currency's minor unit (30.505 EUR, 1.5 JPY) or is not a finite number.
 */
export function amountToMinor(amount: number, currency: string): number | null {
  if (!Number.isFinite(amount)) return null;
  const scaled = amount * 10 ** currencyDigits(currency);
  const minor = Math.round(scaled);
  return Math.abs(scaled - minor) < 1e-6 ? minor : null;
}

/** The ISO 4217 currencies this runtime's Intl knows, A to Z. */
export function currencyCodes(): readonly string[] {
  return Intl.supportedValuesOf('currency');
}

/** An ISO 4217 code (three capital letters) that this runtime's Intl knows. */
export function isCurrencyCode(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && currencyCodes().includes(code);
}
