/**
 * The click shipper's thread (started by `ClickRecorder` through `startModuleWorker`). Messages in:
 * `{ type: 'clicks', raw }`, `{ type: 'sync', id }`, `{ type: 'close', id }`, and
 * `{ type: 'producer', port }`: a port of another thread that answers redirects, on which it sends
 * `clicks` and `sync` too. Out, on the port the request came from: `{ type: 'synced', id, status }`;
 * to the parent also `{ type: 'ready' }`, `{ type: 'closed', id }` and `{ type: 'log', … }` (the
 * main thread writes them to the app's log).
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { ClickShipper, type RawClicks, type ShipperOptions } from './click-shipper';

export type ShipperRequest =
  | { readonly type: 'clicks'; readonly raw: RawClicks }
  | { readonly type: 'sync' | 'close'; readonly id: number }
  | { readonly type: 'producer'; readonly port: MessagePort };

/** What a producer's port carries to the shipper. */
export type ProducerRequest =
  { readonly type: 'clicks'; readonly raw: RawClicks } | { readonly type: 'sync'; readonly id: number };

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
  const serve = (from: MessagePort, request: ShipperRequest) => {
    if (request.type === 'clicks') {
      void ready.then(() => shipper.ship(request.raw));
    } else if (request.type === 'sync') {
      void ready
        .then(() => shipper.settle())
        .then((status) => from.postMessage({ type: 'synced', id: request.id, status }));
    } else if (request.type === 'producer') {
      request.port.on('message', (message: ProducerRequest) => serve(request.port, message));
      // A producer's port must not keep this thread alive on its own.
      request.port.unref();
    } else {
      void ready.then(() => shipper.close()).then(() => port.postMessage({ type: 'closed', id: request.id }));
    }
  };
  port.on('message', (request: ShipperRequest) => serve(port, request));
}
