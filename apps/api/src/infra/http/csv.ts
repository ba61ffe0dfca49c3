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

/**
 * Streams a CSV download: the header, then each row as it arrives, waiting for the socket to drain
 * so a large export never sits in memory. `rows` may be an array or an async iterable (a database
 * cursor). The file name is ASCII (letters, digits, `-`, `_`, `.`) chosen by the caller.
 */
export async function sendCsv(
  res: Response,
  fileName: string,
  header: readonly string[],
  rows: Iterable<readonly CsvValue[]> | AsyncIterable<readonly CsvValue[]>,
): Promise<void> {
  res.status(200);
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
  res.setHeader('Cache-Control', 'no-store');
  // A byte-order mark so spreadsheet programs read UTF-8 names (ä, ö) correctly.
  res.write(`\uFEFF${csvLine(header)}`);
  try {
    for await (const row of rows) {
      if (res.destroyed) return;
      if (!res.write(csvLine(row))) await drainedOrClosed(res);
    }
  } catch (error) {
    // The client went away (the row source was aborted): nobody is left to tell.
    if (res.destroyed) return;
    // The status line is gone already: cut the download short, so a failed export never looks complete.
    res.destroy();
    throw error;
  }
  res.end();
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

/** Resolves when the socket wants more, or when the client went away (then the loop stops). */
function drainedOrClosed(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
