import { AUDIT_ACTIONS, SIGN_IN_ACTIONS, isSignInAction } from './actions';

describe('sign-in actions', () => {
  it('are the audited auth actions, and only those', () => {
    expect(AUDIT_ACTIONS.filter(isSignInAction)).toEqual([...SIGN_IN_ACTIONS]);
    expect(AUDIT_ACTIONS.filter((action) => action.startsWith('auth.'))).toEqual([...SIGN_IN_ACTIONS]);
  });
});
