module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'e2e',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.e2e.spec.ts'],
  // `npm test` runs the files in groups (test/support/groups.cjs).
  ...require('../support/groups.cjs').groupedRun('e2e'),
  testTimeout: 30_000,
};
