import type { DestinationStream } from 'pino';

const LEVELS: Readonly<Record<number, string>> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};
/** ANSI colours of the level names, on a terminal only. */
const COLOURS: Readonly<Record<number, string>> = {
  10: '90',
  20: '90',
  30: '36',
  40: '33',
  50: '31',
  60: '31',
};
/** pino's own fields, and what the request line already says. */
const SHOWN = new Set([
  'level',
  'time',
  'pid',
  'hostname',
  'msg',
  'context',
  'req',
  'res',
  'responseTime',
  'requestId',
  'err',
]);
const VALUE_MAX = 200;

interface Entry {
  level?: number;
  time?: number;
  msg?: unknown;
  context?: unknown;
  req?: { method?: string; url?: string };
  res?: { statusCode?: number };
  responseTime?: number;
  err?: { message?: string; stack?: string };
  [key: string]: unknown;
}

/**
 * One pino line (JSON) as a short line for a person at a terminal (LOG_FORMAT=pretty):
 * `14:03:27 warn  ClickRecorder  Redis did not take a click batch  err="connect ECONNREFUSED …"`, a
 * request as `GET /api/me 200 12 ms`. The stack of an error follows, indented, at level error and
 * above. A line that is not JSON is returned as it is.
 */
export function prettyLine(line: string, colour = false): string {
  let entry: Entry;
  try {
    entry = JSON.parse(line) as Entry;
  } catch {
    return line.endsWith('\n') ? line : `${line}\n`;
  }
  const level = entry.level ?? 30;
  const name = (LEVELS[level] ?? String(level)).padEnd(5);
  const parts = [clock(entry.time), colour ? `\x1b[${COLOURS[level] ?? '0'}m${name}\x1b[0m` : name];
  if (typeof entry.context === 'string') parts.push(entry.context);
  if (entry.req && entry.res) {
    parts.push(`${entry.req.method ?? ''} ${entry.req.url ?? ''} ${entry.res.statusCode ?? ''}`.trim());
    if (typeof entry.responseTime === 'number') parts.push(`${entry.responseTime} ms`);
    if (entry.msg !== 'request completed' && entry.msg !== undefined) parts.push(String(entry.msg));
  } else if (entry.msg !== undefined && entry.msg !== '') {
    parts.push(String(entry.msg));
  }
  if (entry.err?.message) parts.push(`err=${quote(entry.err.message)}`);
  for (const [key, value] of Object.entries(entry)) {
    if (SHOWN.has(key) || value === undefined) continue;
    parts.push(`${key}=${typeof value === 'string' ? quote(value) : short(JSON.stringify(value))}`);
  }
  let text = parts.join('  ');
  if (level >= 50 && entry.err?.stack) {
    const stack = entry.err.stack.split('\n').slice(1);
    if (stack.length) text += `\n${stack.map((frame) => `    ${frame.trim()}`).join('\n')}`;
  }
  return `${text}\n`;
}

/** A pino destination writing {@link prettyLine}s to `out`, synchronously, so they keep their order with other writes. */
export function prettyDestination(out: NodeJS.WriteStream = process.stdout): DestinationStream {
  const colour = out.isTTY === true;
  return { write: (line: string) => void out.write(prettyLine(line, colour)) };
}

function clock(time: number | undefined): string {
  const at = new Date(time ?? Date.now());
  return [at.getHours(), at.getMinutes(), at.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

function quote(value: string): string {
  return /^[^\s"=]+$/.test(value) ? short(value) : short(JSON.stringify(value));
}

function short(value: string | undefined): string {
  if (value === undefined) return '';
  return value.length > VALUE_MAX ? `${value.slice(0, VALUE_MAX - 1)}…` : value;
}
