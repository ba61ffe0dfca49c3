import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const frameworks = [
  '@nestjs/*',
  'typeorm',
  'bullmq',
  'react',
  'react-dom',
  'react-router',
  'express',
  'pg',
  'ioredis',
];

export default [
  {
    ignores: [
      '**/dist',
      '**/node_modules',
      '.nx',
      '.heimo',
      'apps/web/src/api/schema.d.ts',
      'test-results',
      'tmp',
    ],
  },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: ['type:domain'],
              bannedExternalImports: frameworks,
            },
            {
              sourceTag: 'type:content',
              onlyDependOnLibsWithTags: ['type:domain', 'type:content'],
              bannedExternalImports: frameworks,
            },
            { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:shared'] },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    files: [
      'apps/**/*.ts',
      'apps/**/*.tsx',
      'test/**/*.ts',
      'bench/**/*.ts',
      'libs/**/*.ts',
      'migrations/**/*.ts',
    ],
    ignores: ['**/*.spec.ts'],
    languageOptions: {
      // Typed rules read each file from the first of these programs that holds it: the API's holds
      // its tests, bench and migrations too, so one program serves them all (a tsconfig per folder
      // would build the API's types once for each: 50 → 38 s of CPU for the whole lint).
      parserOptions: {
        project: [
          './apps/api/tsconfig.json',
          './test/browser/tsconfig.json',
          './apps/web/tsconfig.json',
          './apps/web/tsconfig.node.json',
          './libs/domain/tsconfig.json',
          './libs/content/tsconfig.json',
        ],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
  {
    files: ['apps/web/**/*.tsx', 'apps/web/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.mjs', '**/*.spec.ts'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  { ...tseslint.configs.disableTypeChecked, files: ['**/*.mjs', '**/*.cjs', '**/*.js'] },
];
