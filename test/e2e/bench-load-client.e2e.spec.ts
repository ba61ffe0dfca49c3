/**
 * The benchmarks' load generator (bench/lib/load-client.ts) against a plain Node HTTP server whose
 * timeouts are short, so what takes a minute in a soak takes a second here. A connection opened and
 * never used is answered 408 once the server's header timeout passes; one the server closed while
 * idle must not swallow the next request. Either would make a soak report errors that no real client
 * meets (the soak's one "stall" of 2026-12-07 was this).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runLoad, type LoadOptions } from '../../bench/lib/load-client';

function startServer(timeouts: { headersMs: number; keepAliveMs: number }): Promise<Server> {
  const server = createServer({ connectionsCheckingInterval: 100 }, (_req, res) => {
    res.setHeader('Content-Type', 'text/plain');
    res.end('ok');
  });
  server.headersTimeout = timeouts.headersMs;
  server.requestTimeout = timeouts.headersMs * 2;
  server.keepAliveTimeout = timeouts.keepAliveMs;
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const close = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

const options = (server: Server, extra: Partial<LoadOptions>): LoadOptions => ({
  host: '127.0.0.1',
  port: (server.address() as AddressInfo).port,
  path: '/',
  headers: {},
  connections: 4,
  durationMs: 1_500,
  warmupMs: 0,
  ...extra,
});

describe('bench load generator', () => {
  it('opens connections only when requests wait, so none is left unused until the server answers 408', async () => {
    // The header timeout leaves a connection opened for a waiting request a whole second to send it,
    // so a busy machine's scheduling delays do not look like an unused connection; sixteen opened
    // ahead would still sit idle for twice that.
    const server = await startServer({ headersMs: 1_000, keepAliveMs: 5_000 });
    try {
      // 20 requests a second need one connection at a time.
      const result = await runLoad(options(server, { connections: 16, rate: 20, durationMs: 3_000 }));
      expect(result.allStatuses).toEqual({ '200': expect.any(Number) });
      expect(result.errors).toBe(0);
      expect(result.requests).toBeGreaterThanOrEqual(50);
    } finally {
      await close(server);
    }
  });

  it('replaces connections the server closed while they were idle, losing no request', async () => {
    // The server closes a connection 150 ms after its answer; requests come every 250 ms.
    const server = await startServer({ headersMs: 5_000, keepAliveMs: 150 });
    try {
      const result = await runLoad(options(server, { connections: 2, rate: 4, durationMs: 2_000 }));
      expect(result.errors).toBe(0);
      expect(result.allStatuses).toEqual({ '200': expect.any(Number) });
      expect(result.requests).toBeGreaterThanOrEqual(7);
      // Every request written was answered: none went into a closed connection.
      expect(result.sent).toBe(result.allStatuses['200']);
    } finally {
      await close(server);
    }
  });

  it('keeps a closed loop at its connection count when the server closes connections', async () => {
    // Closed after every answer: each request needs a new connection.
    const server = createServer((_req, res) => {
      res.setHeader('Connection', 'close');
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const result = await runLoad(options(server, { connections: 2, durationMs: 1_000 }));
      expect(result.errors).toBe(0);
      expect(result.requests).toBeGreaterThan(20);
    } finally {
      await close(server);
    }
  });
});
