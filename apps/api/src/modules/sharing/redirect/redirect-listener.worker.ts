/**
 * The redirect listener's thread (REDIRECT_PORT; started by `RedirectListener`): a `node:http`
 * server that answers tracked links and nothing else, with a {@link TrackedLinkHandler}, a cache of
 * its own and a {@link ClickBatcher} that posts straight to the click shipper thread.
 *
 * Why a thread: the same redirect answered on the API's own thread runs at about 0.8 of a bare
 * `node:http` server's rate, the same server in a thread of the API process at about 1.0
 * (bench/redirect). What slows the API's thread is the rest of the API around `node:http` in one
 * V8 isolate (its heap, and call sites that see the shapes of every library), not the redirect code;
 * a thread has an isolate of its own with only this in it.
 *
 * Messages in (from the API's thread): `{ type: 'clicks-port', port }` (the shipper's port, again
 * whenever the shipper thread is replaced), `{ type: 'target', id, target, busy }` (the answer to a
 * look-up), `{ type: 'flush', id }`, `{ type: 'close', id }`. Out: `{ type: 'listening', port }`,
 * `{ type: 'failed', error }`, `{ type: 'lookup', id, code }` (a cache miss: the API's thread reads
 * it from its cache or the database), `{ type: 'flushed' | 'closed', id, status }`, `{ type: 'log', … }`.
 */
import { createServer } from 'node:http';
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { compileTrust, type TrustProxy } from '../../../infra/http/client-address';
import { ClickBatcher } from '../clicks/click-batcher';
import type { ShipperStatus } from '../clicks/click-shipper';
import type { ProducerRequest } from '../clicks/click-shipper.worker';
import { RedirectBusyError, type RedirectTarget, TargetCache } from './target-cache';
import { REDIRECT_PREFIX, redirectAnswerCounts, TrackedLinkHandler } from './tracked-link-handler';

export interface RedirectListenerOptions {
  readonly host: string;
  readonly port: number;
  readonly counting: boolean;
  readonly flushMs: number;
  readonly cacheSize: number;
  /** TRUST_PROXY, compiled in the thread. */
  readonly trustProxy: TrustProxy;
  /** Where the thread counts its answers (`redirectAnswerCounts`); the API's thread reads it. */
  readonly answers: SharedArrayBuffer;
}

export type ListenerRequest =
  | { readonly type: 'clicks-port'; readonly port: MessagePort }
  | {
      readonly type: 'target';
      readonly id: number;
      readonly target: RedirectTarget | null;
      readonly busy: boolean;
    }
  | { readonly type: 'flush' | 'close'; readonly id: number };

export type ListenerMessage =
  | { readonly type: 'listening'; readonly port: number }
  | { readonly type: 'failed'; readonly error: string }
  | { readonly type: 'lookup'; readonly id: number; readonly code: string }
  | { readonly type: 'flushed' | 'closed'; readonly id: number; readonly status: ShipperStatus | null }
  | {
      readonly type: 'log';
      readonly message: string;
      readonly error: string;
      readonly context?: Record<string, unknown>;
    };

/** Keep-alive connections still open this long after `close` are cut. */
const CLOSE_GRACE_MS = 2_000;

const parent = parentPort;
if (parent) {
  const options = (workerData as { data: RedirectListenerOptions }).data;
  const send = (message: ListenerMessage) => parent.postMessage(message);
  let shipper: MessagePort | null = null;
  let nextId = 1;
  const lookups = new Map<
    number,
    { resolve: (target: RedirectTarget | null) => void; reject: (error: Error) => void }
  >();
  const syncs = new Map<number, (status: ShipperStatus | null) => void>();

  const cache = new TargetCache(
    options.cacheSize,
    (code) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        lookups.set(id, { resolve, reject });
        send({ type: 'lookup', id, code });
      }),
  );
  const batcher = new ClickBatcher(options.counting, options.flushMs, (raw) => {
    if (!shipper) return false;
    const request: ProducerRequest = { type: 'clicks', raw };
    shipper.postMessage(request);
    return true;
  });
  const handler = new TrackedLinkHandler(
    cache,
    batcher,
    (message, error, context) => send({ type: 'log', message, error: String(error), context }),
    compileTrust(options.trustProxy),
    redirectAnswerCounts(options.answers),
  );

  /** Syncs waiting on a port that is gone are answered with null: nothing will answer them. */
  const abandonSyncs = () => {
    for (const done of syncs.values()) done(null);
    syncs.clear();
  };

  /** A port to the (new) shipper thread; the old one, if any, is given up. */
  const useShipper = (port: MessagePort) => {
    shipper?.close();
    abandonSyncs();
    shipper = port;
    port.on('message', (answer: { type: 'synced'; id: number; status: ShipperStatus }) => {
      const done = syncs.get(answer.id);
      syncs.delete(answer.id);
      done?.(answer.status);
    });
    // The shipper thread stopped: clicks wait here for the next port instead of going nowhere.
    port.on('close', () => {
      if (shipper !== port) return;
      shipper = null;
      abandonSyncs();
    });
    // Clicks that waited for a shipper go now.
    batcher.handOver();
  };

  /** Hands over the queued clicks and waits until the shipper has them in Redis or the journal. */
  const flush = (): Promise<ShipperStatus | null> => {
    batcher.handOver();
    const port = shipper;
    if (!port) return Promise.resolve(null);
    const id = nextId++;
    return new Promise((resolve) => {
      syncs.set(id, resolve);
      const request: ProducerRequest = { type: 'sync', id };
      port.postMessage(request);
    });
  };

  // Only tracked links live here: another path, whatever the method, is the same 404 page as an
  // unknown code.
  const server = createServer((request, response) => {
    if (request.url?.startsWith(REDIRECT_PREFIX)) handler.handle(request, response);
    else handler.notFound(response);
  });
  server.on('error', (error) => send({ type: 'failed', error: String(error) }));
  server.listen(options.port, options.host || undefined, () => {
    const address = server.address();
    send({ type: 'listening', port: typeof address === 'object' && address ? address.port : options.port });
  });

  parent.on('message', (request: ListenerRequest) => {
    if (request.type === 'clicks-port') {
      useShipper(request.port);
    } else if (request.type === 'target') {
      const pending = lookups.get(request.id);
      lookups.delete(request.id);
      if (request.busy) pending?.reject(new RedirectBusyError());
      else pending?.resolve(request.target);
    } else if (request.type === 'flush') {
      void flush().then((status) => send({ type: 'flushed', id: request.id, status }));
    } else {
      // No new connections; idle keep-alive ones close now, busy ones after their answer.
      const closed = server.listening
        ? new Promise<void>((resolve) => server.close(() => resolve()))
        : Promise.resolve();
      server.closeIdleConnections();
      const cut = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
      cut.unref();
      void closed
        .then(() => {
          clearTimeout(cut);
          batcher.close();
          return flush();
        })
        .then((status) => send({ type: 'closed', id: request.id, status }));
    }
  });
}
