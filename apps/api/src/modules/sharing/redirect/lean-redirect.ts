import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { REDIRECT_PREFIX, type RedirectHandler } from './redirect.handler';

/**
 * Puts the tracked-link redirect in front of Express on the app's own HTTP server: requests under
 * `/r/` go straight to the {@link RedirectHandler}, everything else to Express as before. The
 * redirect is the hot path (bench/redirect): Express's router, the request-id, helmet, logging
 * and body parsers would cost more than the redirect itself, and it needs none of them (it sets
 * its own security headers). The Nest route `GET /r/{code}` stays for the OpenAPI document and for
 * an app whose server was not wired this way.
 */
export function mountRedirectBeforeExpress(server: Server, handler: RedirectHandler): void {
  const listeners = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (request.url !== undefined && request.url.startsWith(REDIRECT_PREFIX)) {
      handler.handle(request, response);
      return;
    }
    for (const listener of listeners) listener.call(server, request, response);
  });
}
