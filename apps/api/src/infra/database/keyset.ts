import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ValidationError } from '../http/app-error';

/**
 * Keyset pagination, the one way every list of the API pages: rows in a fixed order on (sort key,
 * uuid), `limit + 1` rows fetched so the extra one says whether another page exists, and an opaque
 * cursor holding the last row's key. A cursor that this API did not give out is a 400 problem naming
 * the field `cursor` (code `validation.cursor`), never a 500.
 *
 * Three entry points share the rules below: `keysetPageFromSql` for hand-written SQL,
 * `keysetPageFromRaw` and `keysetPageFromEntities` for TypeORM query builders.
 */

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** What a list request says about paging: the validated `?limit=&cursor=`. */
export interface PageRequest {
  readonly limit?: number;
  readonly cursor?: string;
}

/** The order of a list: a sort column, then the row's uuid to break ties. */
export interface KeysetOrder {
  /** The sort column as SQL, e.g. `e.created_at`. */
  readonly column: string;
  /**
   * `instant`: a `timestamptz`, carried in the cursor to the microsecond in UTC (a JavaScript Date
   * would round to the millisecond and skip or repeat rows); `text`: carried as it is.
   */
  readonly kind: 'instant' | 'text';
  /** The row's uuid as SQL, e.g. `e.id`: it ends every cursor. */
  readonly id: string;
  readonly direction: 'ASC' | 'DESC';
}

/** The pieces a hand-written list query splices in; every value is bound, never spliced. */
export interface KeysetClauses {
  /** For the select list: the cursor key as `"keysetSort"` and `"keysetId"`. */
  readonly select: string;
  /** The rows after the cursor; `TRUE` on the first page. */
  readonly after: string;
  readonly orderBy: string;
  /** The bound row count: one more than the page. */
  readonly limit: string;
}

/** The cursor key a keyset query selects along with each row. */
export interface KeysetKey {
  keysetSort: string;
  keysetId: string;
}

/** Makes a placeholder for a value in the query being built (`$4`, `:keysetSort`). */
export type Bind = (name: string, value: unknown) => string;

interface KeysetRequest {
  readonly limit: number;
  readonly after: readonly [sort: string, id: string] | null;
}

/** A page of a hand-written query: `fetch` gets the clauses and runs the query with the values `bind` kept. */
export async function keysetPageFromSql<R, T>(
  order: KeysetOrder,
  page: PageRequest,
  bind: Bind,
  fetch: (clauses: KeysetClauses) => Promise<(R & KeysetKey)[]>,
  map: (row: R) => T,
): Promise<Page<T>> {
  const request = readRequest(order, page);
  const rows = await fetch({
    select: `${sortKeySql(order)} AS "keysetSort", ${order.id} AS "keysetId"`,
    after: request.after ? afterSql(order, request.after, bind) : 'TRUE',
    orderBy: orderBySql(order),
    limit: bind('keysetLimit', request.limit + 1),
  });
  return toPage(rows, request.limit, (row) => [row.keysetSort, row.keysetId], map);
}

/** A page of a query builder's raw rows (`getRawMany`): for lists that select their own columns. */
export async function keysetPageFromRaw<R extends ObjectLiteral, T>(
  qb: SelectQueryBuilder<ObjectLiteral>,
  order: KeysetOrder,
  page: PageRequest,
  map: (row: R) => T,
): Promise<Page<T>> {
  const request = readRequest(order, page);
  const rows = await paged(qb, order, request).getRawMany<R & KeysetKey>();
  return toPage(rows, request.limit, (row) => [row.keysetSort, row.keysetId], map);
}

/** A page of a query builder's entities (`getMany` with the cursor key read from the raw rows). */
export async function keysetPageFromEntities<E extends { id: string }, T>(
  qb: SelectQueryBuilder<E>,
  order: KeysetOrder,
  page: PageRequest,
  map: (entity: E) => T,
): Promise<Page<T>> {
  const request = readRequest(order, page);
  const { entities, raw } = await paged(qb, order, request, false).getRawAndEntities<
    Record<string, string>
  >();
  // The entity's own id column comes back as `<alias>_id`; selecting it again would hide it from TypeORM.
  const idColumn = `${qb.alias}_id`;
  const sortOf = new Map(raw.map((row) => [row[idColumn], row['keysetSort']]));
  return toPage(entities, request.limit, (entity) => [sortOf.get(entity.id) ?? '', entity.id], map);
}

function paged<E extends ObjectLiteral>(
  qb: SelectQueryBuilder<E>,
  order: KeysetOrder,
  request: KeysetRequest,
  selectId = true,
): SelectQueryBuilder<E> {
  qb.addSelect(sortKeySql(order), 'keysetSort');
  if (selectId) qb.addSelect(order.id, 'keysetId');
  if (request.after) {
    const bind: Bind = (name, value) => {
      qb.setParameter(name, value);
      return `:${name}`;
    };
    qb.andWhere(afterSql(order, request.after, bind));
  }
  qb.orderBy(order.column, order.direction)
    .addOrderBy(order.id, order.direction)
    .limit(request.limit + 1);
  return qb;
}

function readRequest(order: KeysetOrder, page: PageRequest): KeysetRequest {
  const limit = page.limit ?? DEFAULT_PAGE_SIZE;
  if (page.cursor === undefined) return { limit, after: null };
  const [sort, id] = decodeCursor(page.cursor, 2) as [string, string];
  if (order.kind === 'instant') assertCursorInstant(sort);
  return { limit, after: [sort, id] };
}

function sortKeySql(order: KeysetOrder): string {
  // In parentheses: a query builder takes a bare `alias.column` for the entity's own column and would
  // then hide it from the entity it builds.
  return order.kind === 'instant'
    ? `to_char(${order.column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`
    : `(${order.column})`;
}

/**
 * Spelled out rather than as a row comparison `(sort, id) > (…)`, so the bound on the sort column is
 * an index condition even where the index has other columns between it and the id.
 */
function afterSql(order: KeysetOrder, [sort, id]: readonly [string, string], bind: Bind): string {
  const beyond = order.direction === 'ASC' ? '>' : '<';
  const cast = order.kind === 'instant' ? '::timestamptz' : '';
  const at = `${bind('keysetSort', sort)}${cast}`;
  const last = `${bind('keysetId', id)}::uuid`;
  return `(${order.column} ${beyond}= ${at} AND (${order.column} ${beyond} ${at} OR ${order.id} ${beyond} ${last}))`;
}

function orderBySql(order: KeysetOrder): string {
  return `${order.column} ${order.direction}, ${order.id} ${order.direction}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A cursor is the sort key of the last row, opaque to clients; the key always ends with the row's uuid. */
export function encodeCursor(key: readonly string[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): string[] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(key) &&
      key.length === arity &&
      key.every((part) => typeof part === 'string') &&
      UUID.test(key[arity - 1] as string)
    )
      return key as string[];
  } catch {
    // falls through to the 400 below
  }
  return invalidCursor();
}

const CURSOR_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/**
 * A cursor's timestamp (`YYYY-MM-DDTHH:MM:SS.ffffffZ`, as the lists write it) that is also a real
 * instant: 30 February matches the pattern but PostgreSQL refuses it, which must be a 400, not a 500.
 */
export function assertCursorInstant(at: string): void {
  if (!CURSOR_INSTANT.test(at)) invalidCursor();
  const millis = `${at.slice(0, 23)}Z`;
  const parsed = new Date(millis);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString() !== millis) invalidCursor();
}

export function invalidCursor(): never {
  throw new ValidationError([
    { field: 'cursor', code: 'validation.cursor', message: 'cursor is not one this API gave out' },
  ]);
}

/** Rows were fetched with `limit + 1`: the extra one only says that another page exists. */
export function toPage<R, T>(
  rows: readonly R[],
  limit: number,
  keyOf: (row: R) => readonly string[],
  map: (row: R) => T,
): Page<T> {
  const visible = rows.slice(0, limit);
  const last = visible[visible.length - 1];
  return {
    items: visible.map(map),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null,
  };
}
