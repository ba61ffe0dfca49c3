/**
 * Watches the API process during a soak for stalls, and records what it was doing in them.
 *
 * Every second it asks `GET /healthz` (liveness: answered on the API's main thread, no database).
 * When an answer takes longer than `STALL_MS`, a stall has begun; until the next answer it samples,
 * once a second:
 * - the main thread's state and CPU time from `/proc/<pid>/task/<pid>/stat` (running JavaScript
 *   burns CPU; a thread blocked in a system call does not), and the kernel function it waits in
 *   (`wchan`);
 * - every other thread's CPU time, so a busy thread beside the main one shows;
 * - the database's sessions that are not idle (state, wait event, age of their statement).
 * At the end `report()` gives one block per stall, so the soak's output says where the time went.
 */
import { request } from 'node:http';
import { readdirSync, readFileSync } from 'node:fs';
import type { Client } from 'pg';

const PROBE_EVERY_MS = 1_000;
const STALL_MS = 2_000;
const CLOCK_TICKS = 100;

interface ThreadTimes {
  readonly name: string;
  readonly state: string;
  /** CPU seconds, user and system. */
  readonly cpu: number;
}

interface Sample {
  readonly at: number;
  readonly main: ThreadTimes & { readonly wchan: string };
  readonly threads: Map<string, ThreadTimes>;
  readonly database: readonly string[];
}

interface Stall {
  readonly startedAt: number;
  endedAt: number | null;
  readonly samples: Sample[];
}

const readText = (path: string) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
};

/** `/proc/<pid>/task/<tid>/stat`: name, state and CPU seconds. */
function threadTimes(pid: number, tid: string): ThreadTimes {
  const stat = readText(`/proc/${pid}/task/${tid}/stat`);
  const close = stat.lastIndexOf(')');
  const name = stat.slice(stat.indexOf('(') + 1, close);
  const fields = stat.slice(close + 2).split(' ');
  // After the name: state is field 3 of the file, utime 14 and stime 15 (here 0, 11 and 12).
  return { name, state: fields[0] ?? '?', cpu: (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS };
}

function probe(port: number, timeoutMs: number): Promise<number> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/healthz', agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(performance.now() - started));
    });
    req.setTimeout(timeoutMs, () => req.destroy());
    req.on('error', () => resolve(Number.POSITIVE_INFINITY));
    req.end();
  });
}

export class StallWatch {
  private readonly stalls: Stall[] = [];
  private current: Stall | null = null;
  private timer: NodeJS.Timeout | null = null;
  private sampler: NodeJS.Timeout | null = null;
  private probing = false;
  private probeStarted = 0;
  private readonly begun = Date.now();

  constructor(
    private readonly pid: number,
    private readonly port: number,
    private readonly database: Client,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.tick(), PROBE_EVERY_MS);
    this.sampler = setInterval(() => void this.sampleIfStalled(), PROBE_EVERY_MS);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.sampler) clearInterval(this.sampler);
    if (this.current) this.current.endedAt = Date.now();
  }

  private async tick(): Promise<void> {
    if (this.probing) return;
    this.probing = true;
    this.probeStarted = Date.now();
    const ms = await probe(this.port, 180_000);
    this.probing = false;
    if (this.current && ms !== Number.POSITIVE_INFINITY) {
      this.current.endedAt = Date.now();
      this.current = null;
    }
  }

  private async sampleIfStalled(): Promise<void> {
    if (!this.probing || Date.now() - this.probeStarted < STALL_MS) return;
    if (!this.current) {
      this.current = { startedAt: this.probeStarted, endedAt: null, samples: [] };
      this.stalls.push(this.current);
    }
    const stall = this.current;
    const threads = new Map<string, ThreadTimes>();
    for (const tid of readdirSync(`/proc/${this.pid}/task`)) threads.set(tid, threadTimes(this.pid, tid));
    const main = {
      ...(threads.get(String(this.pid)) ?? { name: '?', state: '?', cpu: 0 }),
      wchan: readText(`/proc/${this.pid}/task/${this.pid}/wchan`).trim() || '-',
    };
    let database: string[] = [];
    try {
      const { rows } = await this.database.query<{ line: string }>(
        `SELECT concat_ws(' ', state, coalesce(wait_event_type || ':' || wait_event, 'cpu'),
                round(extract(epoch FROM now() - query_start)::numeric, 1) || ' s',
                left(regexp_replace(query, '\\s+', ' ', 'g'), 100)) AS line
           FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'
          ORDER BY query_start`,
      );
      database = rows.map((r) => r.line);
    } catch (error) {
      database = [`(no answer from the database: ${(error as Error).message})`];
    }
    stall.samples.push({ at: Date.now(), main, threads, database });
  }

  /** One block per stall, or a line saying there was none. */
  report(): string[] {
    if (this.stalls.length === 0)
      return [`  stalls: none (/healthz answered within ${STALL_MS} ms throughout)`];
    const lines = [`  stalls (/healthz unanswered for over ${STALL_MS} ms): ${this.stalls.length}`];
    for (const stall of this.stalls) {
      const end = stall.endedAt ?? Date.now();
      const first = stall.samples[0];
      const last = stall.samples[stall.samples.length - 1];
      lines.push(
        `    at ${((stall.startedAt - this.begun) / 1000).toFixed(0)} s for ${((end - stall.startedAt) / 1000).toFixed(1)} s` +
          (first && last && last !== first
            ? `: main thread used ${(last.main.cpu - first.main.cpu).toFixed(1)} CPU-s in ${((last.at - first.at) / 1000).toFixed(0)} s`
            : ''),
      );
      if (!first || !last) continue;
      const states = new Map<string, number>();
      for (const s of stall.samples) {
        const key = `${s.main.state} ${s.main.wchan}`;
        states.set(key, (states.get(key) ?? 0) + 1);
      }
      lines.push(`      main thread state/wait: ${[...states].map(([k, n]) => `${k} ×${n}`).join(', ')}`);
      const busy = [...last.threads]
        .map(([tid, t]) => ({ tid, name: t.name, used: t.cpu - (first.threads.get(tid)?.cpu ?? t.cpu) }))
        .filter((t) => t.used > 0.05)
        .sort((a, b) => b.used - a.used)
        .slice(0, 6);
      lines.push(
        `      threads' CPU-s in the stall: ${busy.map((t) => `${t.name}/${t.tid} ${t.used.toFixed(1)}`).join(', ') || 'none'}`,
      );
      // The database's busiest moment in the stall: the sample with the most active sessions.
      const worst = stall.samples.reduce((a, b) => (b.database.length > a.database.length ? b : a));
      lines.push(`      database sessions at ${((worst.at - stall.startedAt) / 1000).toFixed(0)} s into it:`);
      for (const line of worst.database.slice(0, 12)) lines.push(`        ${line}`);
      if (worst.database.length > 12) lines.push(`        … and ${worst.database.length - 12} more`);
    }
    return lines;
  }
}
