// Browser journeys: Debian's Chromium against the real API (with its test database) serving the built client.
module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'browser',
  rootDir: '../..',
  roots: ['<rootDir>/test/browser'],
  testMatch: ['**/test/browser/**/*.journey.spec.ts'],
  // `npm test` runs the files in groups (test/support/groups.cjs).
  ...require('../support/groups.cjs').groupedRun('browser'),
  testTimeout: 60_000,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
};
