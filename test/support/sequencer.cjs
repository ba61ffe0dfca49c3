// Longest first, so that neither Jest worker is left with a long suite at the end while the other
// idles. Jest's own sequencer knows durations only from an earlier run on this machine and falls
// back to file size, which puts a 50-second browser journey behind unit files of more lines. Here a
// suite without a recorded duration is estimated from its size and its kind.
const Sequencer = require('@jest/test-sequencer').default;
const { readFileSync, statSync } = require('node:fs');

// Milliseconds per byte of test file, measured on two cores (the feed journey: 21 kB, 49 s; the
// dashboard suite: 38 kB, 15 s): journeys drive Chromium, end-to-end suites boot the API, unit
// suites only compute.
const costPerByte = [
  [/\.journey\.spec\.ts$/, 2.5],
  [/\.e2e\.spec\.ts$/, 0.4],
];

/** Suites that start processes of their own (the built API, a private redis-server) cost as journeys. */
const processPattern = /\bspawn\(|built-processes|ts-process|startRuntime\(/;

function startsProcesses(path) {
  return processPattern.test(readFileSync(path, 'utf8'));
}

function estimate(path) {
  // A group of test files (test/support/groups.cjs) costs what its members cost.
  if (path.endsWith('.group.cjs')) {
    const { membersOf } = require('./groups.cjs');
    return membersOf(readFileSync(path, 'utf8')).reduce((sum, member) => sum + estimate(member), 0);
  }
  let weight = costPerByte.find(([pattern]) => pattern.test(path))?.[1] ?? 0.05;
  if (weight < 2.5 && startsProcesses(path)) weight = 2.5;
  return statSync(path).size * weight;
}

class LongestFirst extends Sequencer {
  sort(tests) {
    const cost = (test) => {
      const recorded = this.time(test);
      return recorded ?? estimate(test.path);
    };
    return [...tests].sort((a, b) => {
      const failedA = this.hasFailed(a);
      if (failedA !== this.hasFailed(b)) return failedA ? -1 : 1;
      return cost(b) - cost(a);
    });
  }
}

module.exports = LongestFirst;
module.exports.estimate = estimate;
module.exports.startsProcesses = startsProcesses;
