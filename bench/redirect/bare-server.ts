/**
 * The baseline: a bare `node:http` server that answers `/r/<anything>` with the same 302 and the
 * same headers Heimo sends, from a constant. What Heimo does beyond this is the redirect's cost.
 * Usage: node bare-server.js <port> <location>
 */
import { createServer } from 'node:http';

const [port, location] = process.argv.slice(2);
const headers = {
  'Cache-Control': 'private, no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  Location: location ?? 'https://example.com/',
  'Content-Length': '0',
};
const server = createServer((request, response) => {
  if (request.url?.startsWith('/r/')) {
    response.writeHead(302, headers);
    response.end();
  } else {
    response.writeHead(404, { 'Content-Length': '0' });
    response.end();
  }
});
// Same keep-alive as Node's default server settings in Heimo (Nest does not change them).
server.listen(Number(port), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
