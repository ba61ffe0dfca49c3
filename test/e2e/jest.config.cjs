// HEIMO_E2E_GROUPS names a folder of group files (test/support/groups.cjs): `npm test` runs those
// instead of the files one by one.
const groups = process.env.HEIMO_E2E_GROUPS;

module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'e2e',
  rootDir: __dirname,
  ...(groups
    ? { roots: [groups], testMatch: ['**/*.e2e-group.cjs'] }
    : { testMatch: ['<rootDir>/**/*.e2e.spec.ts'] }),
  testTimeout: 30_000,
};
