import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import postcssPresetMantine from 'postcss-preset-mantine';
import { defineConfig } from 'vite';
import { precompressPlugin } from './precompress';
import { preloadPlugin } from './preload-plugin';
import { serviceWorkerPlugin } from './service-worker-plugin';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const api = 'http://localhost:3000';

// Same origin in production; in development the API and its public routes are proxied to Nest.
// `/join/:code` and `/invite/:token` are pages of this client (their API lives under /api).
// Libraries change less often than the app; a chunk of their own keeps them cached across releases.
// Only libraries every page needs go there, and in one chunk: the site is served over HTTP/1.1 (six
// connections, a round trip a request), where each chunk on a phone's first load costs. Mantine,
// charts and the caption counter are left to Rollup, so each page's chunk carries only the
// components it imports.
const vendor =
  /node_modules\/(react|react-dom|scheduler|react-router|@tanstack|i18next|react-i18next|openapi-fetch|html-parse-stringify|void-elements)\//;

// The shared libraries are pure (their lint forbids frameworks and I/O), so a module of theirs that
// nothing imports from can go, with what it imports (twitter-text and its polyfills, Handlebars).
const pureLibraries = /\/libs\/(domain|content)\/src\//;

const proxy = Object.fromEntries(['/api', '/healthz', '/r'].map((path) => [path, { target: api }]));

export default defineConfig({
  root: webRoot,
  plugins: [react(), preloadPlugin(/\/src\/app\/start\.tsx$/), serviceWorkerPlugin(), precompressPlugin()],
  resolve: {
    alias: {
      '@heimo/domain': fileURLToPath(new URL('../../libs/domain/src/index.ts', import.meta.url)),
      '@heimo/content': fileURLToPath(new URL('../../libs/content/src/index.ts', import.meta.url)),
    },
  },
  css: {
    postcss: { plugins: [postcssPresetMantine()] },
  },
  server: { port: 4200, proxy },
  preview: { port: 4300, proxy },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    // Read by scripts/bundle-budget.mjs: what each route loads before it renders.
    manifest: true,
    rollupOptions: {
      treeshake: { moduleSideEffects: (id) => !pureLibraries.test(id) },
      output: {
        manualChunks: (id) => (vendor.test(id) ? 'vendor' : undefined),
      },
    },
  },
});
