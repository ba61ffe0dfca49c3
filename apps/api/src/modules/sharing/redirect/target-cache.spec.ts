import { type RedirectTarget, TargetCache, UNCOUNTED } from './target-cache';

describe('TargetCache', () => {
  it('keeps a share’s target, and never a reserved code’s, so the look-up after the confirmation finds the share', async () => {
    const stored = new Map<string, RedirectTarget>([
      ['Shared0001', { shareId: 'share-1', location: 'https://example.com/a' }],
      ['Reserved01', { shareId: UNCOUNTED, location: 'https://example.com/b' }],
    ]);
    const fetched: string[] = [];
    const cache = new TargetCache(100, async (code) => {
      fetched.push(code);
      return stored.get(code) ?? null;
    });

    expect(await cache.load('Shared0001')).toEqual(stored.get('Shared0001'));
    expect(cache.peek('Shared0001')).toEqual(stored.get('Shared0001'));

    expect(await cache.load('Reserved01')).toEqual({ shareId: UNCOUNTED, location: 'https://example.com/b' });
    expect(cache.peek('Reserved01')).toBeUndefined();
    // Confirmed: the same code is now a share's, and the next look-up reads it.
    stored.set('Reserved01', { shareId: 'share-2', location: 'https://example.com/b' });
    expect(await cache.load('Reserved01')).toEqual({ shareId: 'share-2', location: 'https://example.com/b' });
    expect(cache.peek('Reserved01')).toEqual({ shareId: 'share-2', location: 'https://example.com/b' });
    expect(fetched).toEqual(['Shared0001', 'Reserved01', 'Reserved01']);
  });
});
