import type { Response } from 'express';

export type CsvValue = string | number | boolean | Date | null | undefined;

/** Cells a spreadsheet would run as a formula start with one of these (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break; text that a
 * spreadsheet would read as a formula gets a leading apostrophe. Numbers stay numbers (a negative
 * number is a number, not a formula).
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  let text = value instanceof Date ? value.toISOString() : value;
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record with its CRLF line end. */
export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

export interface SendCsvOptions {
  /**
   * How long the download waits for a client that stopped taking bytes (the socket does not drain);
   * then the connection is closed, and the row source stops. Unset: as long as the client likes.
   */
  readonly idleTimeoutMs?: number;
}

/**
 * Streams a CSV download: the header, then each row as it arrives, waiting for the socket to drain
 * so a large export never sits in memory. `rows` may be an array or an async iterable (a database
 * cursor). The first row is read before the first byte is sent, so a source that fails at once (a
 * query past its time limit) still answers with its problem. The file name is ASCII (letters,
 * digits, `-`, `_`, `.`) chosen by the caller.
 */
export async function sendCsv(
  res: Response,
  fileName: string,
  header: readonly string[],
  rows: Iterable<readonly CsvValue[]> | AsyncIterable<readonly CsvValue[]>,
  options: SendCsvOptions = {},
): Promise<void> {
  const source: Iterator<readonly CsvValue[]> | AsyncIterator<readonly CsvValue[]> =
    Symbol.asyncIterator in rows ? rows[Symbol.asyncIterator]() : rows[Symbol.iterator]();
  let complete = false;
  try {
    let next = await source.next();
    res.status(200);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
    res.setHeader('Cache-Control', 'no-store');
    // A byte-order mark so spreadsheet programs read UTF-8 names (ä, ö) correctly.
    res.write(`\uFEFF${csvLine(header)}`);
    while (!next.done) {
      if (!res.write(csvLine(next.value))) await writable(res, 'drain', options.idleTimeoutMs);
      if (res.destroyed) return;
      next = await source.next();
    }
    complete = true;
  } catch (error) {
    // The client went away (the row source was aborted): nobody is left to tell.
    if (res.destroyed) return;
    // Nothing sent yet: the problem filter answers.
    if (!res.headersSent) throw error;
    // The status line is gone already: cut the download short, so a failed export never looks complete.
    res.destroy();
    throw error;
  } finally {
    // Stopped early: the source stops too (a cursor gives its connection back).
    if (!complete) await source.return?.();
  }
  res.end();
  // The last bytes may still wait for a client that stopped reading.
  if (!res.writableFinished) await writable(res, 'finish', options.idleTimeoutMs);
}

/**
 * Aborts when the client goes away before the download is complete, so a row source (a database
 * cursor) can stop and give its connection back at once rather than at its next row.
 */
export function downloadAborted(res: Response): AbortSignal {
  const controller = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  return controller.signal;
}

/**
 * Resolves when the socket wants more (`drain`) or took everything (`finish`), or when the client
 * went away (then the caller stops). A client that takes nothing for `idleTimeoutMs` is cut off:
 * the socket is closed, so the download's resources go back at once.
 */
function writable(
  res: Response,
  event: 'drain' | 'finish',
  idleTimeoutMs: number | undefined,
): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      res.off(event, done);
      res.off('close', done);
      resolve();
    };
    const timer = idleTimeoutMs === undefined ? undefined : setTimeout(() => res.destroy(), idleTimeoutMs);
    res.on(event, done);
    res.on('close', done);
  });
}
