import type { Role } from '../../../api/types';

/** Every role, in the order the product lists them. */
export const allRoles: readonly Role[] = ['advocate', 'curator', 'leader', 'admin'];
