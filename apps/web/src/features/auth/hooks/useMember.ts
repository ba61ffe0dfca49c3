import { createContext, useContext } from 'react';
import type { Me } from '../../../api/types';

/**
 * The member RequireSession has let in. Pages read it from here rather than from the `me` query, so
 * that while the session ends (signing out empties the query first) they keep the member they were
 * rendered for until RequireSession itself moves on: a component never renders half signed out.
 */
export const MemberContext = createContext<Me | null>(null);

/** The signed-in member, for components rendered inside RequireSession (which waits for it). */
export function useMember(): Me {
  const member = useContext(MemberContext);
  if (!member) throw new Error('useMember is used outside RequireSession');
  return member;
}
