module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'content',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  // `npm test` runs the files in groups (test/support/groups.cjs).
  ...require('../../test/support/groups.cjs').groupedRun('content'),
};
