// One Jest run for every suite, so `npm test` sums them into one line. The global setup makes a
// database and a Redis key prefix of its own for this run, and the teardown removes both.
module.exports = {
  // The global setup and teardown are TypeScript too.
  transform: require('./jest.preset.cjs').transform,
  moduleNameMapper: require('./jest.preset.cjs').moduleNameMapper,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testSequencer: '<rootDir>/test/support/sequencer.cjs',
  // Per-project testTimeout is not honoured in a multi-project run; browser journeys need a minute.
  testTimeout: 60_000,
  // At the end, each test worker gets 500 ms by default to exit before it is killed with the warning
  // "A worker process has failed to exit gracefully". Traced on 2026-11-24: every worker exited 0–13
  // ms after it was told to, yet the warning came, because the parent process itself did not get to
  // the exit event within 500 ms on two busy CPUs. A worker that really leaks a handle never exits
  // and is still killed, with the warning, after this longer wait.
  workerGracefulExitTimeout: 2_000,
  projects: [
    '<rootDir>/libs/domain/jest.config.cjs',
    '<rootDir>/libs/content/jest.config.cjs',
    '<rootDir>/apps/api/jest.config.cjs',
    '<rootDir>/apps/web/jest.config.cjs',
    '<rootDir>/test/e2e/jest.config.cjs',
    '<rootDir>/test/browser/jest.config.cjs',
  ],
};
