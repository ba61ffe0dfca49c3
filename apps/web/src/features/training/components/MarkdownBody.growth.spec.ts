import { MantineProvider } from '@mantine/core';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { MarkdownBody } from './MarkdownBody';

// A body may be 100,000 characters. A renderer whose time grows with the square of the length takes
// seconds on hostile ones (runs of `[` or `_a `) and freezes the tab; these must grow linearly.

const SMALL = 10_000;
const LARGE = 100_000;
/**
 * Linear growth makes the large body ~10 times slower; the square of it, ~100 times. Garbage
 * collection and caches weigh more on the large body (a `[` run measured 16.5 on a loaded machine),
 * so the bound sits between the two, well below the square.
 */
const MAX_RATIO = 30;

/** `unit` repeated to `length` characters. */
const repeat = (unit: string, length: number) =>
  unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

/** A list nested one level deeper on every line, to `length` characters. */
function nestedList(length: number): string {
  let body = '';
  for (let depth = 0; body.length < length; depth += 1) body += `${'  '.repeat(depth)}- item\n`;
  return body.slice(0, length);
}

const hostile: [string, (length: number) => string][] = [
  ['[', (length) => repeat('[', length)],
  ['*', (length) => repeat('*', length)],
  ['_', (length) => repeat('_', length)],
  ['_a ', (length) => repeat('_a ', length)],
  ['a_ ', (length) => repeat('a_ ', length)],
  ['**a … a**', (length) => `${repeat('**a ', length / 2)}${repeat(' a**', length / 2)}`],
  ['nested lists', nestedList],
  ['> > > …', (length) => repeat('> ', length)],
  ['a / === headings', (length) => repeat('a\n===\n', length)],
];

function render(source: string): void {
  renderToStaticMarkup(createElement(MantineProvider, null, createElement(MarkdownBody, { source })));
}

/** The least processor time, in microseconds, of a few renders: the others were interrupted. */
function bestOf(runs: number, source: string): number {
  let best = Infinity;
  for (let run = 0; run < runs; run += 1) {
    const start = process.cpuUsage();
    render(source);
    const used = process.cpuUsage(start);
    best = Math.min(best, used.user + used.system);
  }
  return best;
}

/**
 * How many times longer the large body takes than the small one, measured again (at most three
 * rounds) while it is above the bound: a renderer that grows with the square stays far above it in
 * every round, while a busy machine lifts one round, not three.
 */
function growth(make: (length: number) => string): number {
  let least = Infinity;
  for (let round = 0; round < 3 && least >= MAX_RATIO; round += 1)
    least = Math.min(least, bestOf(1, make(LARGE)) / bestOf(3, make(SMALL)));
  return least;
}

describe('a hostile training body', () => {
  beforeAll(() => {
    // Compile the parser's paths once, so the first measurement is not the slowest.
    for (const [, make] of hostile) render(make(SMALL));
  });

  it.each(hostile)('of %s renders in time that grows linearly with its length', (_name, make) => {
    expect(growth(make)).toBeLessThan(MAX_RATIO);
  });
});
