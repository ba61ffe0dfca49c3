import type { Me } from '../../../api/types';
import { useMe } from './useMe';

/** The signed-in member, for components rendered inside RequireSession (which waits for it). */
export function useMember(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useMember is used outside RequireSession');
  return data;
}
