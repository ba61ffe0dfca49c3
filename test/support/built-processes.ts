import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';

const BUILT = join(__dirname, '../../dist/api/apps/api/src');
/** The last this many characters of a process's output are kept, for the message when it fails. */
const KEPT_OUTPUT = 20_000;

/** A process of the built API (`main.js`) or worker (`worker.js`), started by a test. */
export interface BuiltProcess {
  readonly name: string;
  /** `http://127.0.0.1:<port>` for an API; empty for a worker. */
  readonly baseUrl: string;
  /** What it wrote to stdout and stderr lately. */
  output(): string;
  /** SIGTERM, then SIGKILL when it has not gone within a few seconds. */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
// A test worker that ends without its afterAll (a crash, a timeout) still takes its children along.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * Starts the built entry point with exactly `env` (plus PATH and a DATA_DIR of its own), as a
 * deployment would. `ready` tells when it serves; the start fails with the process's output when
 * it exits first or `timeoutMs` pass.
 */
async function startBuilt(
  name: string,
  entry: 'main.js' | 'worker.js',
  env: Record<string, string>,
  baseUrl: string,
  ready: (output: () => string) => Promise<boolean>,
  timeoutMs: number,
): Promise<BuiltProcess> {
  const script = join(BUILT, entry);
  if (!existsSync(script))
    throw new Error(
      `${script} is missing: build first (npx nx run-many -t build --projects=domain,content,api)`,
    );
  const dataDir = mkdtempSync(join(tmpdir(), `heimo-${name}-`));
  const child = spawn(process.execPath, ['--enable-source-maps', script], {
    env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-KEPT_OUTPUT);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => {
    running.delete(child);
    rmSync(dataDir, { recursive: true, force: true });
  });

  const handle: BuiltProcess = {
    name,
    baseUrl,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(
        `${name} exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output}`,
      );
    if (await ready(() => output).catch(() => false)) return handle;
    if (Date.now() > deadline) {
      await handle.stop();
      throw new Error(`${name} was not ready within ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** `dist/…/main.js` on a free loopback port (`env.HOST` may say which); ready when `/healthz/ready` answers 200. */
export async function startBuiltApi(
  name: string,
  env: Record<string, string>,
  timeoutMs = 150_000,
): Promise<BuiltProcess> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  return startBuilt(
    name,
    'main.js',
    { HOST: '127.0.0.1', ...env, PORT: String(port), PUBLIC_URL: env.PUBLIC_URL ?? baseUrl },
    baseUrl,
    async () => (await fetch(`${baseUrl}/healthz/ready`)).status === 200,
    timeoutMs,
  );
}

/** `dist/…/worker.js`; ready when it logs that it started (so its LOG_LEVEL is `info` at least). */
export async function startBuiltWorker(
  name: string,
  env: Record<string, string>,
  timeoutMs = 150_000,
): Promise<BuiltProcess> {
  return startBuilt(
    name,
    'worker.js',
    { ...env, LOG_LEVEL: 'info' },
    '',
    async (output) => output().includes('Heimo worker started'),
    timeoutMs,
  );
}
