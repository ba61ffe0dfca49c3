import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * The file of module `name` in `directory`, as the calling module runs: `.ts` from the sources
 * (Jest), `.js` when built. `callerFile` is the caller's `__filename`.
 */
export function moduleBeside(directory: string, callerFile: string, name: string): string {
  return join(directory, `${name}${callerFile.endsWith('.ts') ? '.ts' : '.js'}`);
}

/**
 * Starts a worker thread on a module of this code base. Built, the module is a `.js` file and is
 * simply required. Run from the TypeScript sources (the Jest tests), the thread first teaches
 * `require` to compile `.ts` files with @swc/core (a development dependency, the compiler Jest
 * uses), so the same module runs there too.
 */
export function startModuleWorker(entry: string, workerData: unknown): Worker {
  const bootstrap = `
    const { workerData } = require('node:worker_threads');
    if (workerData.entry.endsWith('.ts')) {
      const { readFileSync } = require('node:fs');
      const swc = require('@swc/core');
      require.extensions['.ts'] = (module, filename) => {
        const { code } = swc.transformSync(readFileSync(filename, 'utf8'), {
          filename,
          jsc: { target: 'es2022', parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true } },
          module: { type: 'commonjs' },
        });
        module._compile(code, filename);
      };
    }
    require(workerData.entry);
  `;
  return new Worker(bootstrap, { eval: true, workerData: { entry, data: workerData } });
}
