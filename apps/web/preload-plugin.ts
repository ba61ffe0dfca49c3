// The entry (src/main.tsx) is a few hundred bytes that start the app with `import('./app/start')`, so
// it runs, and sends the first screen's requests, without waiting for React and the rest. This plugin
// puts what that import loads into index.html — `modulepreload` for the app's chunk and its static
// imports, the stylesheet it brings — so the browser fetches them beside the entry, not after it.
import type { HtmlTagDescriptor, Plugin } from 'vite';

interface ChunkLike {
  type: 'chunk';
  fileName: string;
  moduleIds: string[];
  imports: string[];
  viteMetadata?: { importedCss: Set<string> };
}

export function preloadPlugin(module: RegExp): Plugin {
  return {
    name: 'heimo-preload-app',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!ctx.bundle) return html;
        const chunks = Object.values(ctx.bundle).filter(
          (item) => item.type === 'chunk',
        ) as unknown as ChunkLike[];
        const start = chunks.find(
          (chunk) => chunk !== ctx.chunk && chunk.moduleIds.some((id) => module.test(id)),
        );
        if (!start) throw new Error(`no chunk of its own holds ${module}`);
        const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
        const scripts = new Set<string>();
        const styles = new Set<string>();
        const add = (chunk: ChunkLike | undefined): void => {
          if (!chunk || scripts.has(chunk.fileName)) return;
          scripts.add(chunk.fileName);
          for (const css of chunk.viteMetadata?.importedCss ?? []) styles.add(css);
          for (const imported of chunk.imports) add(byName.get(imported));
        };
        add(start);
        // The entry and its own imports are linked by Vite already.
        scripts.delete(ctx.chunk?.fileName ?? '');
        for (const imported of ctx.chunk?.imports ?? []) scripts.delete(imported);
        // `async`: a module script without it waits for the stylesheet above to load before it runs,
        // and the entry has nothing to wait for (the app's scripts wait for the styles themselves).
        const entry = `<script type="module" crossorigin src="/${ctx.chunk?.fileName}"></script>`;
        if (!html.includes(entry)) throw new Error(`index.html has no ${entry}`);
        const tags = [
          ...[...scripts].map((file): HtmlTagDescriptor => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}` },
            injectTo: 'head',
          })),
          ...[...styles].map((file): HtmlTagDescriptor => ({
            tag: 'link',
            attrs: { rel: 'stylesheet', crossorigin: true, href: `/${file}` },
            injectTo: 'head',
          })),
        ];
        return { html: html.replace(entry, entry.replace(' crossorigin', ' async crossorigin')), tags };
      },
    },
  };
}
