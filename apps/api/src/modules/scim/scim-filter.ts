/**
 * A small strict reader of SCIM filters (RFC 7644 §3.4.2.2) and PATCH paths (§3.5.2): what
 * Entra ID and Okta send and nothing more. A filter is one or more `attribute eq value` joined by
 * `and`; a path is `attribute`, `attribute.sub`, `attribute[filter]` or `attribute[filter].sub`,
 * optionally prefixed by a schema URN. Anything else is refused with a reason (the caller answers
 * 400 `invalidFilter` or `invalidPath`), never guessed at.
 */

export type ScimValue = string | number | boolean | null;

export interface Comparison {
  /** The attribute path as written, e.g. `userName`, `emails.value`, `urn:…:User:userName`. */
  readonly attribute: string;
  readonly operator: 'eq';
  readonly value: ScimValue;
  /**
   * `emails[type eq "work"].value eq "a@b.fi"` (Entra ID matching users by their work address):
   * the comparisons the same value of the multi-valued attribute must also meet.
   */
  readonly where?: readonly Comparison[];
}

export interface ScimPath {
  /** The attribute as written (a URN prefix kept), e.g. `emails`, `name`, `urn:…:enterprise:2.0:User:department`. */
  readonly attribute: string;
  /** `emails[type eq "work"]`: which values of a multi-valued attribute. */
  readonly filter?: readonly Comparison[];
  /** `name.givenName`, `emails[…].value`. */
  readonly subAttribute?: string;
}

export class ScimSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScimSyntaxError';
  }
}

const MAX_FILTER_LENGTH = 1000;
const OPERATORS = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le', 'pr'];
/** An attribute name (RFC 7643 §2.1: ALPHA *(nameChar)), or a sub-attribute after a dot. */
const NAME = /^[A-Za-z][A-Za-z0-9_$-]*(?:\.[A-Za-z][A-Za-z0-9_$-]*)?/;
/** A schema URN prefix: `urn:ietf:params:scim:schemas:…:` up to the attribute. */
const URN_PREFIX = /^urn:[A-Za-z0-9.:_-]+:(?=[A-Za-z][A-Za-z0-9_$-]*(?:[.[ ]|$))/;

class Reader {
  position = 0;
  constructor(readonly text: string) {}

  get rest(): string {
    return this.text.slice(this.position);
  }

  skipSpaces(): void {
    while (this.text[this.position] === ' ') this.position += 1;
  }

  done(): boolean {
    this.skipSpaces();
    return this.position >= this.text.length;
  }

  attributePath(): string {
    this.skipSpaces();
    let prefix = '';
    const urn = URN_PREFIX.exec(this.rest);
    if (urn) {
      prefix = urn[0];
      this.position += prefix.length;
    }
    const name = NAME.exec(this.rest);
    if (!name) throw new ScimSyntaxError(`An attribute name was expected at position ${this.position + 1}.`);
    this.position += name[0].length;
    return prefix + name[0];
  }

  word(): string {
    this.skipSpaces();
    const match = /^[A-Za-z]+/.exec(this.rest);
    if (!match) throw new ScimSyntaxError(`An operator was expected at position ${this.position + 1}.`);
    this.position += match[0].length;
    return match[0];
  }

  value(): ScimValue {
    this.skipSpaces();
    if (this.text[this.position] === '"') {
      // A JSON string: find its closing quote, honouring escapes, and let JSON read it.
      let end = this.position + 1;
      while (end < this.text.length && this.text[end] !== '"') end += this.text[end] === '\\' ? 2 : 1;
      if (end >= this.text.length) throw new ScimSyntaxError('A string value is not closed.');
      const raw = this.text.slice(this.position, end + 1);
      this.position = end + 1;
      let parsed: string;
      try {
        parsed = JSON.parse(raw) as string;
      } catch {
        throw new ScimSyntaxError(`The string value ${raw} is not valid.`);
      }
      // An escape may spell what the text itself may not hold: NUL (which PostgreSQL refuses) or
      // half a surrogate pair.
      if (/[\p{Cc}\p{Cs}]/u.test(parsed))
        throw new ScimSyntaxError(`The string value ${raw} contains control characters or invalid Unicode.`);
      return parsed;
    }
    const literal = /^(true|false|null|-?\d+(?:\.\d+)?)(?=[ \])]|$)/i.exec(this.rest);
    if (!literal) throw new ScimSyntaxError(`A value was expected at position ${this.position + 1}.`);
    this.position += literal[0].length;
    const text = literal[1] ?? '';
    const word = text.toLowerCase();
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (word === 'null') return null;
    return Number(text);
  }

  comparisons(closing?: string): Comparison[] {
    const terms: Comparison[] = [];
    for (;;) {
      let attribute = this.attributePath();
      let where: Comparison[] | undefined;
      if (!closing && this.text[this.position] === '[') {
        // attr[filter].sub eq value: the only value filter a query filter takes.
        if (attribute.slice(attribute.lastIndexOf(':') + 1).includes('.'))
          throw new ScimSyntaxError('A value filter follows a multi-valued attribute, not a sub-attribute.');
        this.position += 1;
        where = this.comparisons(']');
        this.position += 1;
        const sub = /^\.([A-Za-z][A-Za-z0-9_$-]*)(?= )/.exec(this.rest);
        if (!sub)
          throw new ScimSyntaxError(`A sub-attribute such as ${attribute}[…].value was expected after "]".`);
        this.position += sub[0].length;
        attribute = `${attribute}.${sub[1]}`;
      }
      const operator = this.word().toLowerCase();
      if (!OPERATORS.includes(operator))
        throw new ScimSyntaxError(`"${operator}" is not a SCIM filter operator.`);
      if (operator !== 'eq')
        throw new ScimSyntaxError(`The operator "${operator}" is not supported here; use eq.`);
      terms.push({ attribute, operator: 'eq', value: this.value(), ...(where ? { where } : {}) });
      this.skipSpaces();
      if (closing && this.text[this.position] === closing) return terms;
      if (this.done()) {
        if (closing) throw new ScimSyntaxError(`"${closing}" was expected.`);
        return terms;
      }
      const joiner = this.word().toLowerCase();
      if (joiner === 'or' || joiner === 'not')
        throw new ScimSyntaxError(`"${joiner}" is not supported here; only "and" joins comparisons.`);
      if (joiner !== 'and') throw new ScimSyntaxError(`"and" was expected, not "${joiner}".`);
      if (this.text[this.position] !== ' ') throw new ScimSyntaxError('A space was expected after "and".');
    }
  }
}

function checkLength(text: string): void {
  if (text.length === 0) throw new ScimSyntaxError('The filter is empty.');
  if (text.length > MAX_FILTER_LENGTH)
    throw new ScimSyntaxError(`The filter is longer than ${MAX_FILTER_LENGTH} characters.`);
  if (/[\p{Cc}]/u.test(text)) throw new ScimSyntaxError('The filter contains control characters.');
}

/** `userName eq "a@b.fi" and externalId eq "x"` → its comparisons, or a ScimSyntaxError. */
export function parseFilter(text: string): Comparison[] {
  checkLength(text);
  // Grouping "(…)" needs no check of its own: no attribute name starts with "(". A value may hold
  // brackets ("Sales (EU)").
  return new Reader(text).comparisons();
}

/** A PATCH path: `emails[type eq "work"].value` → its parts, or a ScimSyntaxError. */
export function parsePath(text: string): ScimPath {
  checkLength(text);
  const reader = new Reader(text);
  const attribute = reader.attributePath();
  if (reader.done()) return splitSub(attribute);
  if (text[reader.position] !== '[')
    throw new ScimSyntaxError(`Unexpected "${text.slice(reader.position)}" after ${attribute}.`);
  if (attribute.slice(attribute.lastIndexOf(':') + 1).includes('.'))
    throw new ScimSyntaxError('A value filter follows a multi-valued attribute, not a sub-attribute.');
  reader.position += 1;
  const filter = reader.comparisons(']');
  reader.position += 1;
  if (reader.done()) return { attribute, filter };
  const sub = /^\.([A-Za-z][A-Za-z0-9_$-]*)$/.exec(text.slice(reader.position));
  if (!sub) throw new ScimSyntaxError(`Unexpected "${text.slice(reader.position)}" after the value filter.`);
  return { attribute, filter, subAttribute: sub[1] };
}

/** `name.givenName` → name and givenName (a URN prefix stays with the attribute). */
function splitSub(path: string): ScimPath {
  const colon = path.lastIndexOf(':');
  const local = path.slice(colon + 1);
  const dot = local.indexOf('.');
  if (dot < 0) return { attribute: path };
  return { attribute: path.slice(0, colon + 1) + local.slice(0, dot), subAttribute: local.slice(dot + 1) };
}
