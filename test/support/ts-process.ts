import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '../..');

/**
 * A script for `node -e` that first teaches `require` to compile this code base's `.ts` files with
 * @swc/core (as the worker threads do under Jest), then runs `body`. In `body`, `input` is the
 * JSON value the test passed and `load(path)` requires a file by its path from the repository root.
 */
function script(body: string): string {
  return `
    const { readFileSync } = require('node:fs');
    const swc = require('@swc/core');
    require.extensions['.ts'] = (module, filename) => {
      const { code } = swc.transformSync(readFileSync(filename, 'utf8'), {
        filename,
        jsc: { target: 'es2022', parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true } },
        module: { type: 'commonjs' },
      });
      module._compile(code, filename);
    };
    const input = JSON.parse(process.env.HEIMO_TS_PROCESS_INPUT);
    const load = (path) => require(require('node:path').join(${JSON.stringify(root)}, path));
    // The test that started this process is gone: so is this process.
    process.stdin.on('end', () => process.exit(0)).resume();
    ${body}
  `;
}

export interface TsProcess {
  readonly child: ChildProcess;
  /** Resolves with the first line the process writes to its stdout. */
  readonly firstLine: Promise<string>;
  /** Resolves when the process has exited. */
  readonly exited: Promise<void>;
}

/** Another process of this code base (its own pid), running `body` (see `script`) on `input`. */
export function startTsProcess(body: string, input: unknown): TsProcess {
  const child = spawn(process.execPath, ['-e', script(body)], {
    cwd: root,
    env: { PATH: process.env.PATH, HEIMO_TS_PROCESS_INPUT: JSON.stringify(input) },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const firstLine = new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const end = stdout.indexOf('\n');
      if (end !== -1) resolve(stdout.slice(0, end));
    });
    void exited.then(() => reject(new Error(`the process ended before writing a line: ${stderr}`)));
  });
  // A rejection nobody awaits must not fail the run.
  firstLine.catch(() => undefined);
  return { child, firstLine, exited };
}
