import 'reflect-metadata';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildOpenApiDocument, createApp } from '../app.factory';
import { loadConfig } from '../infra/config/config';
import { startEmbeddedPostgres } from '../infra/embedded/embedded-postgres';

/** A command-line tool talks to its terminal, not to the log. */
const say = (line: string) => process.stdout.write(`${line}\n`);
const complain = (line: unknown) => process.stderr.write(`${String(line)}\n`);

function findRepoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = resolve(dir, '..');
    if (parent === dir) throw new Error('cannot find the repository root (nx.json)');
    dir = parent;
  }
  return dir;
}

/** The OpenAPI document as the code declares it, serialised stably (2-space JSON, trailing newline). */
export async function renderOpenApi(): Promise<string> {
  const database = await startEmbeddedPostgres();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  const app = await createApp({
    config,
    // Nothing is enqueued while the document is built; the queue client never needs to connect.
    services: {
      databaseUrl: database.url,
      redisUrl: 'redis://127.0.0.1:1',
      embeddedDatabase: true,
      authSecret: 'x'.repeat(32),
    },
    workers: false,
    webDist: undefined,
  });
  try {
    return JSON.stringify(buildOpenApiDocument(app), null, 2) + '\n';
  } finally {
    await app.close();
    await database.stop();
  }
}

async function main(): Promise<void> {
  const mode = process.argv[2];
  const target = join(findRepoRoot(), 'apps/api/openapi.json');
  const rendered = await renderOpenApi();
  if (mode === 'write') {
    writeFileSync(target, rendered);
    say('Wrote apps/api/openapi.json');
  } else if (mode === 'check') {
    const committed = existsSync(target) ? readFileSync(target, 'utf8') : '';
    if (committed !== rendered) {
      complain(
        'OpenAPI drift: apps/api/openapi.json differs from the code. Run `npm run openapi:write` and commit it.',
      );
      process.exit(1);
    }
    say('openapi: apps/api/openapi.json matches the code');
  } else {
    complain('Usage: openapi <write|check>');
    process.exit(2);
  }
  process.exit(0);
}

void main().catch((error: unknown) => {
  complain(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
