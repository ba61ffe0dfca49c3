/**
 * The load generator's engine, run in a process of its own (see load.ts): HTTP/1.1 keep-alive
 * connections on `node:net`, one request at a time per connection (no pipelining), a fixed request
 * written as bytes and answers parsed just enough to find their end (status line, Content-Length).
 * Node's own `http` client spends several times the CPU of the server being measured on each
 * request; on a two-core machine that would make the client the bottleneck and flatter every ratio.
 *
 * Two modes:
 * - closed loop (`rate` absent): every connection sends its next request as soon as the answer
 *   arrives; measures the most requests per second the server answers;
 * - open loop (`rate` set): requests are due at a fixed rate whether or not the server keeps up;
 *   a request waits for a free connection if it must, and its latency counts from when it was due,
 *   so a stalled server cannot hide its stalls (no coordinated omission).
 */
import { connect, type Socket } from 'node:net';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

export interface LoadOptions {
  readonly host: string;
  readonly port: number;
  readonly path: string;
  /** GET when absent. */
  readonly method?: string;
  /** A body sent with every request (its Content-Length is added). */
  readonly body?: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Values of one more header the requests take in turn (many visitors from one process). */
  readonly vary?: { readonly name: string; readonly values: readonly string[] };
  readonly connections: number;
  readonly durationMs: number;
  readonly warmupMs: number;
  /** Requests per second for an open-loop run; absent for closed loop. */
  readonly rate?: number;
}

export interface LoadResult {
  readonly requests: number;
  readonly rps: number;
  /** Answers by status code. */
  readonly statuses: Record<string, number>;
  readonly errors: number;
  /** Every answer by status, warm-up included (the run waits for the last answers before closing). */
  readonly allStatuses: Record<string, number>;
  /** Requests written, warm-up included; more than the answers when some were cut off at the end. */
  readonly sent: number;
  readonly latencyMs: {
    p50: number;
    p90: number;
    p95: number;
    p99: number;
    p999: number;
    max: number;
    mean: number;
  };
  /** CPU the client itself used per request, microseconds (to show it was not the bottleneck). */
  readonly clientCpuUsPerRequest: number;
  /** Longest the client's own event loop was late (a stalled client inflates latencies). */
  readonly clientStallMs: number;
}

const CRLF2 = Buffer.from('\r\n\r\n');
const CONTENT_LENGTH = Buffer.from('\r\nContent-Length:');
const CONTENT_LENGTH_LOWER = Buffer.from('\r\ncontent-length:');
const CONNECTION_CLOSE = Buffer.from('\r\nConnection: close');
const CONNECTION_CLOSE_LOWER = Buffer.from('\r\nconnection: close');
const EMPTY = Buffer.alloc(0);
let sentTotal = 0;
/** How long the client keeps reusing an idle connection (below Node's 5 s keep-alive timeout). */
const KEEP_ALIVE_MS = 4_000;

class Connection {
  private socket!: Socket;
  private buffer: Buffer = Buffer.alloc(0);
  private startedAt = 0;
  busy = false;
  /** False once the socket closed (the server closes keep-alive connections idle too long). */
  alive = true;
  /** When the last answer arrived (performance.now()). */
  idleSince = 0;

  constructor(
    private readonly options: LoadOptions,
    private readonly requests: readonly Buffer[],
    private readonly onAnswer: (status: number, startedAt: number) => void,
    private readonly onError: () => void,
    private readonly onClosed: () => void,
  ) {}

  open(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.socket = connect(this.options.port, this.options.host);
      this.socket.setNoDelay(true);
      this.socket.once('connect', () => resolve());
      this.socket.once('error', reject);
      this.socket.on('data', (chunk: Buffer) => this.read(chunk));
      this.socket.on('error', () => undefined);
      this.socket.on('close', () => {
        this.alive = false;
        if (this.busy) this.onError();
        this.busy = false;
        this.onClosed();
      });
    });
  }

  send(startedAt: number): void {
    sentTotal += 1;
    this.busy = true;
    this.startedAt = startedAt;
    this.socket.write(this.requests[sentTotal % this.requests.length] as Buffer);
  }

  close(): void {
    this.socket.destroy();
  }

  /** Parses answers straight from the bytes (no strings, no regular expressions): the client stays light. */
  private read(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const buffer = this.buffer;
      const end = buffer.indexOf(CRLF2);
      if (end === -1) return;
      let length = 0;
      let at = buffer.indexOf(CONTENT_LENGTH);
      if (at === -1 || at > end) at = buffer.indexOf(CONTENT_LENGTH_LOWER);
      if (at !== -1 && at < end) {
        for (let i = at + CONTENT_LENGTH.length; i < end; i++) {
          const c = buffer[i] as number;
          if (c === 32) continue;
          if (c < 48 || c > 57) break;
          length = length * 10 + (c - 48);
        }
      }
      const total = end + 4 + length;
      if (buffer.length < total) return;
      const status =
        ((buffer[9] as number) - 48) * 100 +
        ((buffer[10] as number) - 48) * 10 +
        ((buffer[11] as number) - 48);
      this.buffer = total === buffer.length ? EMPTY : buffer.subarray(total);
      this.busy = false;
      this.idleSince = nowMs();
      const closing = buffer.indexOf(CONNECTION_CLOSE);
      const closingLower = closing === -1 ? buffer.indexOf(CONNECTION_CLOSE_LOWER) : closing;
      // The server closes after this answer: not reused (the socket's close replaces it).
      if (closingLower !== -1 && closingLower < end) this.alive = false;
      this.onAnswer(status, this.startedAt);
    }
  }
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] as number;
}

const nowMs = () => performance.now();

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  sentTotal = 0;
  const lines = [
    `${options.method ?? 'GET'} ${options.path} HTTP/1.1`,
    `Host: ${options.host}:${options.port}`,
  ];
  for (const [name, value] of Object.entries(options.headers)) lines.push(`${name}: ${value}`);
  const body = Buffer.from(options.body ?? '', 'utf8');
  if (options.body !== undefined) lines.push(`Content-Length: ${body.length}`);
  const requestOf = (extra: string[]) =>
    Buffer.concat([Buffer.from(`${[...lines, ...extra].join('\r\n')}\r\n\r\n`, 'latin1'), body]);
  const requests = options.vary
    ? options.vary.values.map((value) => requestOf([`${options.vary!.name}: ${value}`]))
    : [requestOf([])];

  let measuring = false;
  let stopping = false;
  let latencies = new Float64Array(1 << 20);
  let count = 0;
  let errors = 0;
  const statuses: Record<string, number> = {};
  const allStatuses: Record<string, number> = {};
  const idle: Connection[] = [];
  const due: number[] = [];
  let dueHead = 0;

  const record = (status: number, startedAt: number) => {
    allStatuses[status] = (allStatuses[status] ?? 0) + 1;
    if (!measuring) return;
    if (count === latencies.length) {
      const bigger = new Float64Array(latencies.length * 2);
      bigger.set(latencies);
      latencies = bigger;
    }
    latencies[count++] = nowMs() - startedAt;
    statuses[status] = (statuses[status] ?? 0) + 1;
  };

  // Connections are opened when a request needs one and none is idle, up to `connections`, and
  // replaced when the server closes them. A connection opened ahead and left unused would be closed
  // by the server with a 408 once its header timeout passed (Node: 60 s), and one the server closed
  // while idle must not be written to: neither is what a real client does.
  const connections = new Set<Connection>();
  let opening = 0;
  const next = (connection: Connection) => {
    if (stopping || !connection.alive) return;
    if (options.rate === undefined) return connection.send(nowMs());
    if (dueHead < due.length) return connection.send(due[dueHead++] as number);
    idle.push(connection);
  };
  /** Opens one more connection (if the limit allows) and gives it the next request when connected. */
  const grow = () => {
    if (stopping || connections.size + opening >= options.connections) return;
    opening += 1;
    const connection: Connection = new Connection(
      options,
      requests,
      (status, startedAt) => {
        record(status, startedAt);
        next(connection);
      },
      () => {
        if (measuring) errors += 1;
      },
      () => {
        connections.delete(connection);
        const at = idle.indexOf(connection);
        if (at !== -1) idle.splice(at, 1);
        // Closed loop keeps its connections busy: replace one the server closed.
        if (options.rate === undefined) grow();
      },
    );
    connection.open().then(
      () => {
        opening -= 1;
        connections.add(connection);
        next(connection);
      },
      () => {
        opening -= 1;
        if (measuring) errors += 1;
      },
    );
  };
  /**
   * The most recently used idle connection that is still open, or none. One idle for longer than
   * KEEP_ALIVE_MS is closed instead: the server may be closing it at this moment (Node closes an
   * idle keep-alive connection after 5 s), and a request written into that race would be lost.
   */
  const idleConnection = (): Connection | undefined => {
    while (idle.length > 0) {
      const connection = idle.pop() as Connection;
      if (connection.alive && nowMs() - connection.idleSince < KEEP_ALIVE_MS) return connection;
      connection.close();
    }
    return undefined;
  };

  let ticker: NodeJS.Timeout | null = null;
  if (options.rate === undefined) {
    for (let i = 0; i < options.connections; i++) grow();
  } else {
    const interval = 1000 / options.rate;
    const start = nowMs();
    let issued = 0;
    ticker = setInterval(() => {
      const target = Math.floor((nowMs() - start) / interval);
      while (issued < target) {
        due.push(start + issued * interval);
        issued += 1;
      }
      while (dueHead < due.length) {
        const connection = idleConnection();
        if (!connection) break;
        connection.send(due[dueHead++] as number);
      }
      // Requests still waiting: more connections, while the limit allows (each takes one when connected).
      for (let waiting = due.length - dueHead - opening; waiting > 0; waiting--) {
        if (connections.size + opening >= options.connections) break;
        grow();
      }
      if (dueHead > 100_000) {
        due.splice(0, dueHead);
        dueHead = 0;
      }
    }, 1);
  }

  await new Promise((resolve) => setTimeout(resolve, options.warmupMs));
  const cpuBefore = process.cpuUsage();
  const lag = monitorEventLoopDelay({ resolution: 1 });
  lag.enable();
  const begin = nowMs();
  measuring = true;
  await new Promise((resolve) => setTimeout(resolve, options.durationMs));
  measuring = false;
  const elapsed = nowMs() - begin;
  const cpu = process.cpuUsage(cpuBefore);
  lag.disable();
  stopping = true;
  if (ticker) clearInterval(ticker);
  // Let the requests in flight finish, so every request the server answered is seen.
  const until = nowMs() + 5_000;
  const busy = () => [...connections].some((c) => c.busy);
  while (busy() && nowMs() < until) await new Promise((r) => setTimeout(r, 5));
  for (const connection of connections) connection.close();

  const sorted = latencies.slice(0, count).sort();
  let sum = 0;
  for (const value of sorted) sum += value;
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return {
    requests: count,
    rps: Math.round((count / elapsed) * 1000),
    statuses,
    errors,
    allStatuses,
    sent: sentTotal,
    latencyMs: {
      p50: round(percentile(sorted, 0.5)),
      p90: round(percentile(sorted, 0.9)),
      p95: round(percentile(sorted, 0.95)),
      p99: round(percentile(sorted, 0.99)),
      p999: round(percentile(sorted, 0.999)),
      max: round(sorted.length ? (sorted[sorted.length - 1] as number) : 0),
      mean: round(count ? sum / count : 0),
    },
    clientCpuUsPerRequest: count ? Math.round(((cpu.user + cpu.system) / count) * 10) / 10 : 0,
    clientStallMs: round(lag.max / 1e6),
  };
}

// Run as a child process: one job from the parent, one result back.
if (require.main === module) {
  process.once('message', (options: LoadOptions) => {
    runLoad(options).then(
      (result) => process.send?.({ ok: true, result }, () => process.exit(0)),
      (error: unknown) => process.send?.({ ok: false, error: String(error) }, () => process.exit(1)),
    );
  });
}
