import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ValidationError } from './app-error';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** `?limit=&cursor=` of every list (STYLE.md: never an unbounded list). */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque: the `nextCursor` of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
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

/** Escapes `%`, `_` and `\` for a LIKE pattern. */
export function likePattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
