// The layers of the code base, checked by `npm run check` (scripts/layers.mjs) and by
// `npx depcruise apps libs` alone. What may import what:
//   libs (domain, content)  ← apps; libs never import an app
//   apps/api/src/infra      ← modules and the app layer (app.module, main, entities, data-source);
//                             infra never imports a module
//   apps/api/src/modules/*  ← each other, without cycles: file cycles here, module cycles (a module's
//                             sub-folders folded in) in scripts/layers.mjs
//   apps/web and apps/api   never import each other (the web client reads the OpenAPI document)

const MODULE = '^apps/api/src/modules/([^/]+)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'infra-imports-module',
      severity: 'error',
      comment:
        'apps/api/src/infra holds database, queue, mail, config, logging and health: no business rules, so it ' +
        'imports no feature module. Put what both need in infra, or compose them in the app layer.',
      from: { path: '^apps/api/src/infra/' },
      to: { path: '^apps/api/src/modules/' },
    },
    {
      name: 'cycle-across-modules',
      severity: 'error',
      comment:
        'An import cycle that leaves its module and comes back. Invert one dependency (a token the other ' +
        'module provides, or move the shared piece down a layer).',
      from: { path: MODULE },
      to: { circular: true, via: { pathNot: '^apps/api/src/modules/$1/' } },
    },
    {
      name: 'lib-imports-app',
      severity: 'error',
      comment: 'libs/ are pure and shared by the API and the web client: they never import an app.',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'web-imports-api',
      severity: 'error',
      comment:
        'The web client talks to the API over HTTP, through the client generated from the OpenAPI document.',
      from: { path: '^apps/web/' },
      to: { path: '^apps/api/' },
    },
    {
      name: 'api-imports-web',
      severity: 'error',
      comment: 'The API does not depend on the web client.',
      from: { path: '^apps/api/' },
      to: { path: '^apps/web/' },
    },
  ],
  options: {
    includeOnly: '^(apps|libs)/',
    exclude: { path: '(^|/)(node_modules|dist)/' },
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a cycle through types still ties two modules together.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
