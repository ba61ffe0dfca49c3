// Writes dist/sw.js from apps/web/service-worker.js with the files of the app shell to cache at
// install: index.html, the entry's scripts and styles, the pages readable offline (the feed, My
// impact) with what they import, the manifest and the install icons. Its version is a hash of that
// list: a build that changes any of them is a new service worker, which the page offers to reload to.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const TEMPLATE = fileURLToPath(new URL('./service-worker.js', import.meta.url));
/**
 * Modules loaded later whose chunks are cached at install: the app itself (the entry imports it),
 * every language's strings (loaded before the first render), the pages that open offline after one visit, the offline note, the service
 * worker's registration and the styles of the pages after the first screen.
 */
const OFFLINE_MODULES = [
  /\/app\/start\.tsx$/,
  /\/app\/i18n\/locales\/[a-z]+\.json$/,
  /\/features\/feed\/pages\/FeedPage\.tsx$/,
  /\/features\/impact\/pages\/ImpactPage\.tsx$/,
  /\/app\/shell\/OfflineNotices\.tsx$/,
  /\/app\/serviceWorker\.ts$/,
  // All of Mantine's styles: every page but the feed waits for them (src/app/styles.ts).
  /\/app\/all-styles\.ts$/,
];
const STATIC_FILES = [
  '/index.html',
  '/manifest.webmanifest',
  '/favicon.svg',
  '/icons/icon-192.png',
  '/icons/icon-512.png',
  '/icons/icon-maskable-512.png',
];

interface ChunkLike {
  type: 'chunk';
  fileName: string;
  isEntry: boolean;
  facadeModuleId: string | null;
  imports: string[];
  viteMetadata?: { importedCss: Set<string> };
}

export function serviceWorkerPlugin(): Plugin {
  return {
    name: 'heimo-service-worker',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((item) => item.type === 'chunk') as unknown as ChunkLike[];
      const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
      const files = new Set<string>();
      const add = (chunk: ChunkLike | undefined): void => {
        if (!chunk || files.has(`/${chunk.fileName}`)) return;
        files.add(`/${chunk.fileName}`);
        for (const css of chunk.viteMetadata?.importedCss ?? []) files.add(`/${css}`);
        for (const imported of chunk.imports) add(byName.get(imported));
      };
      for (const chunk of chunks) {
        const id = chunk.facadeModuleId ?? '';
        if (chunk.isEntry || OFFLINE_MODULES.some((module) => module.test(id))) add(chunk);
      }
      const list = [...STATIC_FILES, ...[...files].sort()];
      const version = createHash('sha256').update(list.join('\n')).digest('hex').slice(0, 12);
      const source = readFileSync(TEMPLATE, 'utf8').replace(
        'self.__HEIMO_PRECACHE__',
        JSON.stringify({ version, files: list }),
      );
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}
