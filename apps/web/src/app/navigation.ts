// The one table the navigation is built from. Each entry names its roles and whether its page exists;
// entries whose page is not ready are shown as "coming soon", never as links.
import type { Role } from '../api/types';
import type { Messages } from './i18n/resources';

export type NavId = Exclude<keyof Messages['nav'], 'home'>;

export interface NavEntry {
  id: NavId;
  path: string;
  roles: readonly Role[];
  /** True once the page is routed; flip it in the same change that adds the route. */
  ready: boolean;
}

export const navEntries: readonly NavEntry[] = [
  { id: 'feed', path: '/feed', roles: ['advocate'], ready: true },
  { id: 'training', path: '/training', roles: ['advocate'], ready: true },
  { id: 'impact', path: '/impact', roles: ['advocate'], ready: true },
  { id: 'profile', path: '/profile', roles: ['advocate'], ready: true },
  { id: 'studio', path: '/studio', roles: ['curator'], ready: true },
  { id: 'calendar', path: '/studio/calendar', roles: ['curator'], ready: true },
  { id: 'trainingModules', path: '/training-modules', roles: ['curator'], ready: true },
  { id: 'insights', path: '/insights', roles: ['leader'], ready: true },
  { id: 'people', path: '/people', roles: ['admin'], ready: true },
  { id: 'teams', path: '/teams', roles: ['admin'], ready: true },
  { id: 'settings', path: '/settings', roles: ['admin'], ready: true },
  { id: 'integrations', path: '/settings/integrations', roles: ['admin'], ready: true },
  { id: 'signIn', path: '/settings/sign-in', roles: ['admin'], ready: true },
  { id: 'auditLog', path: '/audit-log', roles: ['admin'], ready: true },
  { id: 'outbox', path: '/outbox', roles: ['admin'], ready: true },
];

/** A person's home is the first of these roles they hold. */
export const rolePrecedence = ['admin', 'curator', 'leader', 'advocate'] as const satisfies readonly Role[];
export type KnownRole = (typeof rolePrecedence)[number];

const homeEntryOfRole: Record<KnownRole, NavId> = {
  admin: 'people',
  curator: 'studio',
  leader: 'insights',
  advocate: 'feed',
};

/** The path of the placeholder home every role has until its own home page exists. */
export const homePath = '/';

/** The roles a person holds, in precedence order, ignoring any the web does not know yet. */
export function knownRoles(roles: readonly Role[]): KnownRole[] {
  return rolePrecedence.filter((role) => roles.includes(role));
}

export function homeRole(roles: readonly Role[]): KnownRole | null {
  return knownRoles(roles)[0] ?? null;
}

/** The home entry of one role (its first page). */
export function roleHomeEntry(role: KnownRole): NavEntry | null {
  return navEntries.find((entry) => entry.id === homeEntryOfRole[role]) ?? null;
}

/** The entry that will become the person's home once its page exists. */
export function homeEntry(roles: readonly Role[]): NavEntry | null {
  const role = homeRole(roles);
  return role ? roleHomeEntry(role) : null;
}

/** Where to land after sign-in: the role's home page if it exists, else the placeholder home. */
export function landingPath(roles: readonly Role[]): string {
  const entry = homeEntry(roles);
  return entry?.ready ? entry.path : homePath;
}

/** The union of entries for every role held, in table order. */
export function entriesFor(roles: readonly Role[]): NavEntry[] {
  return navEntries.filter((entry) => entry.roles.some((role) => roles.includes(role)));
}

/** Only a path inside this app may be a destination after sign-in (no open redirects). */
export function safeNextPath(next: string | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) return null;
  return next;
}
