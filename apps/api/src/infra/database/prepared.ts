import { createHash } from 'node:crypto';

/** What runs a statement: a data source, an entity manager or a query runner. */
export interface Queryable {
  query(query: string, parameters?: unknown[]): Promise<unknown>;
}

/** Names already given, by statement text (bounded: the texts are the code's own, a handful). */
const names = new Map<string, string>();
const MAX_NAMES = 200;

/** The statement's name: a digest of its text, so two texts never share a name. */
function nameOf(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `heimo_${createHash('sha1').update(text).digest('base64url')}`;
    if (names.size >= MAX_NAMES) names.clear();
    names.set(text, name);
  }
  return name;
}

/**
 * Runs `text` as a named prepared statement: each pooled connection parses and analyses it the
 * first time only, and PostgreSQL may keep its plan (after five runs, when a plan for any
 * parameters costs no more than the plans for the given ones), so a run is a bind and an execute.
 * For the statements every request makes (the session check, the feed): parsing and planning
 * them cost PostgreSQL several times what running them does.
 *
 * Only for fixed texts written in the code — every distinct text stays prepared on every
 * connection for as long as it lives — with every value a parameter. It goes through TypeORM like
 * any statement (counted, logged when it fails, in the manager's transaction when given one): the
 * driver (`pg`) takes the `{ name, text }` TypeORM passes it on.
 */
export function preparedQuery<T>(on: Queryable, text: string, parameters: readonly unknown[]): Promise<T> {
  return on.query(new PreparedStatement(text) as unknown as string, [...parameters]) as Promise<T>;
}

/**
 * The statement as the driver takes it. TypeORM also keeps it as the `query` of a failed
 * statement's error, which is logged: there it reads as its text, and the values the driver
 * stores on it (`values`) are never listed, so a log line never carries them.
 */
class PreparedStatement {
  readonly name: string;
  declare values: unknown;

  constructor(readonly text: string) {
    this.name = nameOf(text);
    Object.defineProperty(this, 'values', { value: undefined, writable: true, enumerable: false });
  }

  toString(): string {
    return this.text;
  }

  toJSON(): string {
    return this.text;
  }
}
