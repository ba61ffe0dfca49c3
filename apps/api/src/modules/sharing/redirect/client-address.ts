import type { IncomingMessage } from 'node:http';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/**
 * The visitor's address as Express computes it with `trust proxy: 'loopback'` (app.factory): the
 * socket's address, unless a proxy on this machine forwarded the request, in which case the
 * right-most `X-Forwarded-For` entry that is not loopback. Used only to hash the visitor.
 */
export function clientAddress(request: IncomingMessage, forwardedFor: string | undefined): string {
  const remote = request.socket.remoteAddress ?? '';
  if (forwardedFor === undefined || forwardedFor === '' || !LOOPBACK.test(remote)) return remote;
  const hops = forwardedFor.split(',');
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = (hops[i] as string).trim();
    if (hop !== '' && !LOOPBACK.test(hop)) return hop;
  }
  return remote;
}
