import { fork } from 'node:child_process';
import { join } from 'node:path';
import type { LoadOptions, LoadResult } from './load-client';

export type { LoadOptions, LoadResult } from './load-client';

/** Runs one load in a separate process (the client must not share the server's event loop). */
export function load(options: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(join(__dirname, 'load-client.js'), [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let settled = false;
    child.once('message', (message: { ok: boolean; result?: LoadResult; error?: string }) => {
      settled = true;
      if (message.ok && message.result) resolve(message.result);
      else reject(new Error(message.error ?? 'load client failed'));
    });
    child.once('exit', (code) => {
      if (!settled) reject(new Error(`load client exited with ${code}`));
    });
    child.send(options);
  });
}
