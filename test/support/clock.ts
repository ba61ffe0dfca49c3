import type { Queue } from 'bullmq';

/**
 * `jest.useFakeTimers(CLOCK_ONLY)`: the API runs in the test's process, so with only `Date` faked a
 * test moves the clock the app reads (`jest.setSystemTime`), and it keeps ticking from there. Timers
 * stay real, so the Redis and PostgreSQL clients work as ever.
 */
export const CLOCK_ONLY = {
  doNotFake: [
    'hrtime',
    'nextTick',
    'performance',
    'queueMicrotask',
    'requestAnimationFrame',
    'cancelAnimationFrame',
    'requestIdleCallback',
    'cancelIdleCallback',
    'setImmediate',
    'clearImmediate',
    'setInterval',
    'clearInterval',
    'setTimeout',
    'clearTimeout',
  ],
  advanceTimers: true,
} as const satisfies Parameters<typeof jest.useFakeTimers>[0];

const RUNNING = ['waiting', 'active', 'prioritized'];

/**
 * Moves the clock (under CLOCK_ONLY) to `at` and lets BullMQ run what its delay timers would have run
 * by then: the queue's delayed jobs due by `at` are promoted, and this returns once none of them
 * waits or runs (or after `timeoutMs`; the test's own checks then tell what went wrong).
 */
export async function passTimeTo(
  queue: Queue,
  at: Date | string | number,
  timeoutMs = 30_000,
): Promise<void> {
  const time = new Date(at).getTime();
  jest.setSystemTime(time);
  const due = (await queue.getDelayed()).filter((job) => job.timestamp + job.delay <= time);
  await Promise.all(
    due.map((job) =>
      job.promote().catch(async (error: unknown) => {
        // BullMQ's own timer may have got there first (real time passes too); that is fine.
        if ((await job.getState()) === 'delayed') throw error;
      }),
    ),
  );
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const states = await Promise.all(due.map((job) => queue.getJobState(job.id!)));
    if (states.every((state) => !RUNNING.includes(state))) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
