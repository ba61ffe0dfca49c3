import {
  PACK_ACTIONS,
  PACK_COMMENT_MAX_LENGTH,
  PACK_STATES,
  availablePackActions,
  canTransition,
  isPackShareable,
  packActionChoices,
  type PackAction,
  type PackState,
  type PackTransitionContext,
} from './pack-lifecycle';

const curator = (memberId: string) => ({ kind: 'member', memberId, roles: ['curator'] }) as const;

const base: PackTransitionContext = {
  actor: curator('bob'),
  authorIds: ['alice'],
  fourEyesApproval: true,
  comment: null,
};

describe('pack lifecycle: allowed transitions', () => {
  it.each([
    ['draft', 'submit', 'in_review'],
    ['in_review', 'withdraw', 'draft'],
    ['in_review', 'approve', 'approved'],
    ['approved', 'publish', 'published'],
    ['published', 'expire', 'expired'],
    ['approved', 'expire', 'expired'],
    ['approved', 'archive', 'archived'],
    ['published', 'archive', 'archived'],
    ['expired', 'archive', 'archived'],
  ] as const)('moves a %s pack by %s to %s', (from, action, to) => {
    expect(canTransition(from, action, base)).toEqual({ allowed: true, from, to, action });
  });

  it('sends a rejected pack back to draft when the reviewer writes a comment', () => {
    expect(canTransition('in_review', 'reject', { ...base, comment: 'Fix the link' })).toMatchObject({
      allowed: true,
      to: 'draft',
    });
  });

  it('lets the scheduler publish and expire packs', () => {
    const system = { ...base, actor: { kind: 'system' } as const };
    expect(canTransition('approved', 'publish', system).allowed).toBe(true);
    expect(canTransition('published', 'expire', system).allowed).toBe(true);
  });

  it('lets the scheduler expire an approved pack whose expiry passed before it was published', () => {
    const now = new Date('2025-05-01T10:00:00Z');
    const ctx = {
      ...base,
      actor: { kind: 'system' } as const,
      now,
      expiresAt: new Date('2025-05-01T09:00:00Z'),
    };
    expect(canTransition('approved', 'publish', ctx)).toMatchObject({
      allowed: false,
      code: 'pack.already_expired',
    });
    expect(canTransition('approved', 'expire', ctx)).toEqual({
      allowed: true,
      from: 'approved',
      to: 'expired',
      action: 'expire',
    });
  });

  it('allows the author to approve their own pack when four-eyes is off', () => {
    expect(
      canTransition('in_review', 'approve', { ...base, actor: curator('alice'), fourEyesApproval: false })
        .allowed,
    ).toBe(true);
  });
});

describe('pack lifecycle: refused transitions', () => {
  const allowed = new Set([
    'draft:submit',
    'in_review:withdraw',
    'in_review:approve',
    'in_review:reject',
    'approved:publish',
    'published:expire',
    'approved:expire',
    'approved:archive',
    'published:archive',
    'expired:archive',
  ]);
  const refused: [PackState, PackAction][] = PACK_STATES.flatMap((from) =>
    PACK_ACTIONS.filter((action) => !allowed.has(`${from}:${action}`)).map(
      (action): [PackState, PackAction] => [from, action],
    ),
  );

  it.each(refused)('refuses %s → %s as not allowed', (from, action) => {
    expect(canTransition(from, action, { ...base, comment: 'ok' })).toEqual({
      allowed: false,
      code: 'pack.transition_not_allowed',
      params: { from, action },
    });
  });

  it('refuses a rejection by the author when four-eyes is on', () => {
    expect(
      canTransition('in_review', 'reject', { ...base, actor: curator('alice'), comment: 'no' }),
    ).toMatchObject({ allowed: false, code: 'pack.four_eyes_required', params: { action: 'reject' } });
  });

  it('refuses an approval by the author when four-eyes is on', () => {
    expect(canTransition('in_review', 'approve', { ...base, actor: curator('alice') })).toMatchObject({
      allowed: false,
      code: 'pack.four_eyes_required',
    });
  });

  it('refuses an approval by anyone who edited the pack when four-eyes is on', () => {
    expect(
      canTransition('in_review', 'approve', {
        ...base,
        actor: curator('carol'),
        authorIds: ['alice', 'carol'],
      }),
    ).toMatchObject({ allowed: false, code: 'pack.four_eyes_required' });
  });

  it.each([
    ['missing', null],
    ['empty', ''],
    ['only whitespace', ' \n\t '],
  ])('refuses a rejection whose comment is %s', (_name, comment) => {
    expect(canTransition('in_review', 'reject', { ...base, comment })).toMatchObject({
      allowed: false,
      code: 'pack.comment_required',
    });
  });

  it('refuses a rejection comment over the maximum length', () => {
    expect(
      canTransition('in_review', 'reject', { ...base, comment: 'x'.repeat(PACK_COMMENT_MAX_LENGTH + 1) }),
    ).toMatchObject({
      allowed: false,
      code: 'pack.comment_too_long',
      params: { limit: PACK_COMMENT_MAX_LENGTH },
    });
  });

  it('refuses members who are not curators', () => {
    const advocate = { kind: 'member', memberId: 'dave', roles: ['advocate', 'leader'] } as const;
    expect(canTransition('draft', 'submit', { ...base, actor: advocate })).toMatchObject({
      allowed: false,
      code: 'pack.curator_required',
    });
  });

  it('refuses the scheduler anything but publish and expire', () => {
    const system = { ...base, actor: { kind: 'system' } as const, comment: 'x' };
    for (const [from, action] of [
      ['draft', 'submit'],
      ['in_review', 'approve'],
      ['in_review', 'reject'],
      ['published', 'archive'],
    ] as const) {
      expect(canTransition(from, action, system)).toMatchObject({
        allowed: false,
        code: 'pack.curator_required',
      });
    }
  });

  it('refuses to publish a pack whose expiry has passed', () => {
    const now = new Date('2025-05-01T10:00:00Z');
    expect(
      canTransition('approved', 'publish', { ...base, now, expiresAt: new Date('2025-05-01T10:00:00Z') }),
    ).toMatchObject({ allowed: false, code: 'pack.already_expired' });
    expect(
      canTransition('approved', 'publish', { ...base, now, expiresAt: new Date('2025-05-01T10:00:01Z') })
        .allowed,
    ).toBe(true);
  });

  it('refuses an action it does not know', () => {
    expect(canTransition('draft', 'delete' as PackAction, base)).toMatchObject({
      allowed: false,
      code: 'pack.transition_not_allowed',
    });
  });
});

describe('pack lifecycle: helpers', () => {
  it('offers a reviewer approve, reject and withdraw on a pack in review', () => {
    expect(availablePackActions('in_review', base)).toEqual(['withdraw', 'approve', 'reject']);
  });

  it('offers the author under four-eyes only withdraw: the review is someone else’s', () => {
    expect(availablePackActions('in_review', { ...base, actor: curator('alice') })).toEqual(['withdraw']);
  });

  it('says why approve and reject are missing for the author', () => {
    expect(packActionChoices('in_review', { ...base, actor: curator('alice') })).toEqual({
      available: ['withdraw'],
      unavailable: [
        { action: 'approve', code: 'pack.four_eyes_required', params: { action: 'approve' } },
        { action: 'reject', code: 'pack.four_eyes_required', params: { action: 'reject' } },
      ],
    });
  });

  it('lists nothing as unavailable that the state does not offer', () => {
    expect(packActionChoices('draft', base)).toEqual({ available: ['submit'], unavailable: [] });
  });

  it('says why publish is missing once the expiry has passed', () => {
    const now = new Date('2025-05-01T10:00:00Z');
    const choices = packActionChoices('approved', {
      ...base,
      now,
      expiresAt: new Date('2025-05-01T09:00:00Z'),
    });
    expect(choices.available).toEqual(['expire', 'archive']);
    expect(choices.unavailable).toEqual([{ action: 'publish', code: 'pack.already_expired', params: {} }]);
  });

  it('lets the author reject their own pack when four-eyes is off', () => {
    expect(
      availablePackActions('in_review', { ...base, actor: curator('alice'), fourEyesApproval: false }),
    ).toEqual(['withdraw', 'approve', 'reject']);
  });

  it('offers a curator publish, expire and archive on an approved pack', () => {
    expect(availablePackActions('approved', base)).toEqual(['publish', 'expire', 'archive']);
  });

  it('lets only published packs be shared', () => {
    expect(PACK_STATES.filter(isPackShareable)).toEqual(['published']);
  });
});
