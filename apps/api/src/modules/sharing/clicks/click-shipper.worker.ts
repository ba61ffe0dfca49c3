/**
 * The click shipper's thread (started by `ClickRecorder` through `startModuleWorker`). Messages in:
 * `{ type: 'clicks', raw }`, `{ type: 'sync', id }`, `{ type: 'close', id }`; out: `{ type: 'ready' }`,
 * `{ type: 'synced', id, status }`, `{ type: 'closed', id }` and `{ type: 'log', … }` (the main
 * thread writes them to the app's log).
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { ClickShipper, type RawClicks, type ShipperOptions } from './click-shipper';

export type ShipperRequest =
  | { readonly type: 'clicks'; readonly raw: RawClicks }
  | { readonly type: 'sync' | 'close'; readonly id: number };

/**
 * Shipping is background work: on Linux this thread lowers its own scheduling priority (nice 10,
 * this thread only), so under full load the redirects on the main thread get the CPU first and the
 * clicks wait a few milliseconds longer in memory instead.
 */
function lowerOwnPriority(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, 10);
  } catch {
    // Not Linux, or not allowed: the thread keeps the process's priority.
  }
}

const port = parentPort;
if (port) {
  lowerOwnPriority();
  const options = (workerData as { data: Omit<ShipperOptions, 'log'> }).data;
  const shipper = new ClickShipper({
    ...options,
    log: (level, message, error) =>
      port.postMessage({
        type: 'log',
        level,
        message,
        error: error === undefined ? undefined : String(error),
      }),
  });
  const ready = shipper.start();
  void ready.then(() => port.postMessage({ type: 'ready' }));
  port.on('message', (request: ShipperRequest) => {
    if (request.type === 'clicks') {
      void ready.then(() => shipper.ship(request.raw));
    } else if (request.type === 'sync') {
      void ready
        .then(() => shipper.settle())
        .then((status) => port.postMessage({ type: 'synced', id: request.id, status }));
    } else {
      void ready.then(() => shipper.close()).then(() => port.postMessage({ type: 'closed', id: request.id }));
    }
  });
}
