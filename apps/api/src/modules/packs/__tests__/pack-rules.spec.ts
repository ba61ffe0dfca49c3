import { jobsFor, scheduledJobId } from '../jobs/pack-schedule.job';
import { normaliseHashtags } from '../pack-content';
import { firstFreeSlug, slugFromTitle } from '../pack-slug';

describe('slugFromTitle', () => {
  it('folds accents, lower-cases and joins words with single dashes', () => {
    expect(slugFromTitle('Kevään uutiset: 2026!')).toBe('kevaan-uutiset-2026');
    expect(slugFromTitle('  --Hello   World--  ')).toBe('hello-world');
  });

  it('falls back to `pack` when nothing usable is left, and stays short', () => {
    expect(slugFromTitle('日本語 🙂')).toBe('pack');
    expect(slugFromTitle('word '.repeat(40)).length).toBeLessThanOrEqual(60);
    expect(slugFromTitle('word '.repeat(40))).not.toMatch(/-$/);
  });
});

describe('firstFreeSlug', () => {
  it('keeps the slug when free, else numbers it from 2 on, skipping the numbers taken', () => {
    expect(firstFreeSlug('launch', new Set(['launch-2']))).toBe('launch');
    expect(firstFreeSlug('launch', new Set(['launch']))).toBe('launch-2');
    expect(firstFreeSlug('launch', new Set(['launch', 'launch-2', 'launch-3', 'launch-5']))).toBe('launch-4');
  });
});

describe('normaliseHashtags', () => {
  it('drops the #, keeps the first spelling of each tag and the order', () => {
    expect(normaliseHashtags(['#Launch', 'spring', 'launch', '＃Spring', ' #news '])).toEqual([
      'Launch',
      'spring',
      'news',
    ]);
  });
});

describe('jobsFor', () => {
  const at = new Date('2030-01-01T10:00:00Z');
  const later = new Date('2030-01-02T10:00:00Z');

  it('publishes only approved packs with a time, and expires approved or published ones', () => {
    expect(jobsFor({ status: 'draft', publishAt: at, expireAt: later })).toEqual([]);
    expect(jobsFor({ status: 'in_review', publishAt: at, expireAt: later })).toEqual([]);
    expect(jobsFor({ status: 'approved', publishAt: at, expireAt: later })).toEqual([
      { name: 'publish-pack', at: at.getTime() },
      { name: 'expire-pack', at: later.getTime() },
    ]);
    expect(jobsFor({ status: 'published', publishAt: at, expireAt: later })).toEqual([
      { name: 'expire-pack', at: later.getTime() },
    ]);
    expect(jobsFor({ status: 'expired', publishAt: at, expireAt: later })).toEqual([]);
    expect(jobsFor({ status: 'approved', publishAt: null, expireAt: null })).toEqual([]);
  });

  it('names a job by pack, transition and time, without the `:` BullMQ refuses', () => {
    const id = scheduledJobId('3f1c', { name: 'publish-pack', at: at.getTime() });
    expect(id).toBe(`publish-pack-3f1c-${at.getTime()}`);
    expect(id).not.toContain(':');
  });
});
