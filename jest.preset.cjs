// Shared by every Jest project: TypeScript through SWC (fast on two cores), decorators with metadata for Nest.
const path = require('node:path');

const root = __dirname;

/**
 * Packages that ship only ES modules. The API is CommonJS and loads them with Node's require(esm)
 * (Node >= 20.19), but Jest's module system on Node 20 cannot: it compiles these to CommonJS with
 * the transform below. Add a package (and each ESM-only package it imports) when a suite fails with
 * "Must use import to load ES Module". Each entry is a regular expression for one folder name under
 * node_modules, so a family of packages is one line.
 */
const esmOnlyPackages = [
  // OpenID Connect (the API).
  'openid-client',
  'oauth4webapi',
  'jose',
  // react-markdown (the web's training bodies) and the unified, remark, micromark, mdast, hast and
  // unist packages it is made of, with their small helpers.
  'react-markdown',
  'unified',
  'remark-[^/]+',
  'micromark(-[^/]+)?',
  '(mdast|hast|unist|estree)-util-[^/]+',
  'vfile(-[^/]+)?',
  'bail',
  'trough',
  'devlop',
  'zwitch',
  'ccount',
  'trim-lines',
  'longest-streak',
  'is-plain-obj',
  'html-url-attributes',
  'property-information',
  '(comma|space)-separated-tokens',
  'decode-named-character-reference',
  'character-entities(-[^/]+)?',
  'character-reference-invalid',
  '(parse|stringify)-entities',
  'is-(alphabetical|alphanumerical|decimal|hexadecimal)',
];

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', decorators: true, tsx: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
          keepClassNames: true,
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnlyPackages.join('|')})/)`],
  moduleNameMapper: {
    '^@heimo/domain$': path.join(root, 'libs/domain/src/index.ts'),
    '^@heimo/content$': path.join(root, 'libs/content/src/index.ts'),
  },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
};
