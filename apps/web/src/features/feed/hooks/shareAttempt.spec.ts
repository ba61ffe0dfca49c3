import { nextAttempt, randomKey } from './shareAttempt';

const body = { packId: '7d1f7a9e-2f57-4f4e-9d55-0b8c2f0a5b11', network: 'x' as const, caption: 'Hi [link]' };

describe('the idempotency key of a share attempt', () => {
  it('reuses the key of an unfinished attempt with the same body', () => {
    const first = nextAttempt(null, body, () => 'k1');
    expect(nextAttempt(first, { ...body }, () => 'k2').key).toBe('k1');
  });

  it('takes a new key when the caption, the network or the pack changes', () => {
    const first = nextAttempt(null, body, () => 'k1');
    expect(nextAttempt(first, { ...body, caption: 'Other [link]' }, () => 'k2').key).toBe('k2');
    expect(nextAttempt(first, { ...body, network: 'linkedin' }, () => 'k3').key).toBe('k3');
    expect(nextAttempt(first, { packId: body.packId, network: 'x' }, () => 'k4').key).toBe('k4');
  });

  it('makes version-4 UUIDs', () => {
    const keys = new Set(Array.from({ length: 50 }, () => randomKey()));
    expect(keys.size).toBe(50);
    for (const key of keys)
      expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
