// Brotli and gzip copies of the built client's text files, written beside them at build time
// (`name.js.br`, `name.js.gz`), so the API sends them compressed without compressing on each request
// (apps/api/src/infra/http/web-client.ts). Source maps are left out: only developers' tools read them.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** What is worth compressing: text the browser loads. */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|webmanifest|txt|xml)$/;
/** Below this a compressed copy saves less than its headers cost. */
const MIN_BYTES = 1024;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

/** Writes `.br` and `.gz` beside each compressible file of `dir` that shrinks; returns how many. */
export function precompress(dir: string): number {
  let written = 0;
  for (const path of filesUnder(dir)) {
    if (!COMPRESSIBLE.test(path)) continue;
    const bytes = readFileSync(path);
    if (bytes.length < MIN_BYTES) continue;
    const brotli = brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      },
    });
    const gzip = gzipSync(bytes, { level: 9 });
    // A copy that saves under a tenth is not worth a second file to serve.
    if (brotli.length < bytes.length * 0.9) {
      writeFileSync(`${path}.br`, brotli);
      written += 1;
    }
    if (gzip.length < bytes.length * 0.9) {
      writeFileSync(`${path}.gz`, gzip);
      written += 1;
    }
  }
  return written;
}

/** The Vite plugin: compresses the output folder once the bundle is written. */
export function precompressPlugin(): Plugin {
  let outDir = '';
  return {
    name: 'heimo-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      precompress(outDir);
    },
  };
}
