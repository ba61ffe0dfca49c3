// Unit tests for the web client's pure parts (API client, navigation table); pages are covered by the
// browser journeys in test/browser.
module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'web',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  // `npm test` runs the files in groups (test/support/groups.cjs).
  ...require('../../test/support/groups.cjs').groupedRun('web'),
};
