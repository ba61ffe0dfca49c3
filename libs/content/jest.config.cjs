module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'content',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
