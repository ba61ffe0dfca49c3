import { isRankedMember } from './ranked-members';

describe('ranked members', () => {
  it('ranks active advocates, whatever their other roles', () => {
    expect(isRankedMember({ status: 'active', roles: ['advocate'] })).toBe(true);
    expect(isRankedMember({ status: 'active', roles: ['advocate', 'leader'] })).toBe(true);
  });

  it('leaves out people without the advocate role and people who are not active', () => {
    for (const roles of [['admin'], ['curator'], ['leader'], []]) {
      expect(isRankedMember({ status: 'active', roles })).toBe(false);
    }
    expect(isRankedMember({ status: 'invited', roles: ['advocate'] })).toBe(false);
    expect(isRankedMember({ status: 'deactivated', roles: ['advocate'] })).toBe(false);
  });
});
