import { type Comparison, parseFilter, ScimSyntaxError } from './scim-filter';
import { scimBadRequest } from './scim.errors';

/** The most resources one page of a list answers; a larger `count` is clamped (RFC 7644 §3.4.2.4). */
export const SCIM_MAX_PAGE = 100;

export interface ScimListQuery {
  readonly filter: readonly Comparison[];
  readonly startIndex: number;
  readonly count: number;
  /** `excludedAttributes=members` (Entra ID asks so for groups). */
  readonly excluded: readonly string[];
}

const KNOWN_PARAMETERS = [
  'filter',
  'startIndex',
  'count',
  'attributes',
  'excludedAttributes',
  'sortBy',
  'sortOrder',
];

function integer(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !/^-?\d{1,9}$/.test(value))
    throw scimBadRequest('invalidValue', `${name} must be an integer.`);
  return Number(value);
}

/**
 * A list request's query in SCIM's terms: `filter` read strictly (400 `invalidFilter` otherwise),
 * `startIndex` below 1 taken as 1 and `count` clamped to 0…SCIM_MAX_PAGE (§3.4.2.4).
 */
export function readListQuery(query: Record<string, unknown>): ScimListQuery {
  const unknown = Object.keys(query).find((key) => !KNOWN_PARAMETERS.includes(key));
  if (unknown) throw scimBadRequest('invalidValue', `${unknown} is not a query parameter Heimo reads.`);
  let filter: Comparison[] = [];
  if (query.filter !== undefined) {
    if (typeof query.filter !== 'string') throw scimBadRequest('invalidFilter', 'filter must be given once.');
    try {
      filter = parseFilter(query.filter.trim());
    } catch (error) {
      if (error instanceof ScimSyntaxError) throw scimBadRequest('invalidFilter', error.message);
      throw error;
    }
  }
  const excluded =
    typeof query.excludedAttributes === 'string'
      ? query.excludedAttributes.split(',').map((name) => name.trim().toLowerCase())
      : [];
  return {
    filter,
    startIndex: Math.max(1, integer('startIndex', query.startIndex, 1)),
    count: Math.min(SCIM_MAX_PAGE, Math.max(0, integer('count', query.count, SCIM_MAX_PAGE))),
    excluded,
  };
}

/** A filter attribute without the core schema's URN, lower-cased: `urn:…:User:userName` → `username`. */
export function filterAttribute(attribute: string, schema: string): string {
  const lower = attribute.toLowerCase();
  const prefix = `${schema.toLowerCase()}:`;
  return lower.startsWith(prefix) ? lower.slice(prefix.length) : lower;
}
