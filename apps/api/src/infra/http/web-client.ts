import { existsSync, readdirSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';

/**
 * Vite names every file under assets/ after a hash of its content: a new build gives a changed file
 * a new name, so a browser may keep these for a year without asking again.
 */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Everything else (index.html, the favicon, the manifest, the service worker) is asked for again each time. */
export const REVALIDATE = 'no-cache';

const HASHED = /^\/assets\//;

/** The encodings the build writes beside a file (apps/web/precompress.ts), best first. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

/** URL path → the encodings whose copy the build wrote, read once at start. */
function findCompressed(webDist: string): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      // Dot folders (Vite's .vite/manifest.json) are not served.
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(path);
        continue;
      }
      const encoding = ENCODINGS.find((e) => entry.name.endsWith(e.suffix));
      if (!encoding) continue;
      const original = path.slice(0, -encoding.suffix.length);
      if (!existsSync(original)) continue;
      const urlPath = '/' + relative(webDist, original).split(sep).join('/');
      const set = found.get(urlPath) ?? new Set<string>();
      set.add(encoding.name);
      found.set(urlPath, set);
    }
  };
  walk(webDist);
  return found;
}

function cacheControlFor(urlPath: string): string {
  return HASHED.test(urlPath) ? IMMUTABLE : REVALIDATE;
}

/**
 * Serves the built web client at the app's origin: its files with the precompressed copy the client
 * accepts (`Content-Encoding`, `Vary: Accept-Encoding`), hashed files cached for a year, and
 * index.html (`no-cache`) for every other GET that asks for HTML, as the client routes those itself.
 */
export function serveWebClient(app: NestExpressApplication, webDist: string): void {
  const index = join(webDist, 'index.html');
  const compressed = findCompressed(webDist);

  /** Sends `file` (a path under webDist, URL form) compressed when the client takes a copy we have. */
  const sendCompressed = (request: Request, response: Response, next: NextFunction, urlPath: string) => {
    const available = compressed.get(urlPath);
    if (!available) return false;
    response.setHeader('Vary', 'Accept-Encoding');
    // Brotli is smaller: it goes to every client that takes it, whatever order the client lists.
    const encoding = ENCODINGS.find(
      (e) => available.has(e.name) && request.acceptsEncodings(e.name) === e.name,
    );
    if (!encoding) return false;
    response.setHeader('Content-Encoding', encoding.name);
    response.setHeader('Cache-Control', cacheControlFor(urlPath));
    response.type(extname(urlPath));
    response.sendFile(
      join(webDist, ...urlPath.split('/').filter(Boolean)) + encoding.suffix,
      // A byte range of a compressed copy is not a range of the file asked for.
      { acceptRanges: false, cacheControl: false, dotfiles: 'ignore' },
      (error?: Error) => {
        if (!error) return;
        // Removed since the start (a rebuild): the uncompressed file, if any, is served below.
        response.removeHeader('Content-Encoding');
        if (!response.headersSent) next();
      },
    );
    return true;
  };

  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    if (!sendCompressed(request, response, next, request.path)) next();
  });
  app.use(
    express.static(webDist, {
      index: false,
      // Set by setHeaders below, per file.
      cacheControl: false,
      setHeaders: (response, path) => {
        const urlPath = '/' + relative(webDist, path).split(sep).join('/');
        response.setHeader('Cache-Control', cacheControlFor(urlPath));
      },
    }),
  );
  // The client routes everything else; API, docs and health answers stay with Nest.
  app.use((request: Request, response: Response, next: NextFunction) => {
    // A hashed file that is not there (a page open across a release asking for an old chunk) is a 404,
    // not the page: a script answered with HTML fails with a confusing type error.
    if (request.method !== 'GET' || /^\/(api|healthz|r\/|media\/|assets\/)/.test(request.path)) return next();
    if (!request.accepts('html')) return next();
    if (!sendCompressed(request, response, next, '/index.html')) {
      response.setHeader('Cache-Control', REVALIDATE);
      response.sendFile(index);
    }
  });
}
