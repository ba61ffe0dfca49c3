import type { DestinationStream } from 'pino';

/**
 * Keeps every line a test server logs (`useTestServer({ logs, env: { LOG_LEVEL: 'info' } })`), for
 * tests that check what the log holds, or does not.
 */
export class LogCapture {
  private readonly lines: string[] = [];

  readonly destination: DestinationStream = {
    write: (line: string) => {
      this.lines.push(line);
    },
  };

  /** Everything logged so far, as written (JSON lines). */
  text(): string {
    return this.lines.join('');
  }

  /** The entries logged so far. */
  entries(): Record<string, unknown>[] {
    return this.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  }
}
