import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import postcssPresetMantine from 'postcss-preset-mantine';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const api = 'http://localhost:3000';

// Same origin in production; in development the API and its public routes are proxied to Nest.
// `/join/:code` and `/invite/:token` are pages of this client (their API lives under /api).
// Libraries change less often than the app; separate chunks keep them cached across releases.
const vendorChunks: Record<string, RegExp> = {
  react: /node_modules\/(react|react-dom|scheduler)\//,
  router: /node_modules\/react-router\//,
  mantine:
    /node_modules\/(@mantine|@floating-ui|react-remove-scroll|react-remove-scroll-bar|react-style-singleton|use-callback-ref|use-sidecar|tslib|clsx|get-nonce|detect-node-es)\//,
  data: /node_modules\/(@tanstack|i18next|react-i18next|i18next-browser-languagedetector|openapi-fetch|html-parse-stringify|void-elements)\//,
};

const proxy = Object.fromEntries(['/api', '/healthz', '/r'].map((path) => [path, { target: api }]));

export default defineConfig({
  root: webRoot,
  plugins: [react()],
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
    rollupOptions: {
      output: {
        manualChunks: (id) => Object.entries(vendorChunks).find(([, pattern]) => pattern.test(id))?.[0],
      },
    },
  },
});
