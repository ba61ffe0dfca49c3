import type { Locale, MemberKind, MemberStatus, Role } from '../../members/entities/member.entity';

// Data only, seeded by demo-seed.ts: the demo organisation's teams and people.

export interface DemoPerson {
  email: string;
  name: string;
  roles: Role[];
  kind: MemberKind;
  team?: string;
  locale: Locale;
  status?: MemberStatus;
  /** For invited people: whether their (unknown) link has run out, so the admin sees both states. */
  invitationExpired?: boolean;
}

/** The five demo logins printed at start. */
export const DEMO_LOGIN_PEOPLE: readonly DemoPerson[] = [
  {
    email: 'admin@demo.heimo.test',
    name: 'Aada Admin',
    roles: ['admin'],
    kind: 'employee',
    team: 'People',
    locale: 'en',
  },
  {
    email: 'curator@demo.heimo.test',
    name: 'Kalle Curator',
    roles: ['curator'],
    kind: 'employee',
    team: 'Marketing',
    locale: 'fi',
  },
  {
    email: 'leader@demo.heimo.test',
    name: 'Liisa Leader',
    roles: ['leader'],
    kind: 'employee',
    team: 'Sales',
    locale: 'en',
  },
  {
    email: 'advocate@demo.heimo.test',
    name: 'Eero Employee',
    roles: ['advocate'],
    kind: 'employee',
    team: 'Sales',
    locale: 'fi',
  },
  { email: 'fan@demo.heimo.test', name: 'Fiona Fan', roles: ['advocate'], kind: 'fan', locale: 'en' },
];

/** More of the organisation, so the people pages have something to search, filter and page through. */
export const DEMO_COLLEAGUES: readonly DemoPerson[] = [
  {
    email: 'onni.owner@demo.heimo.test',
    name: 'Onni Owner',
    roles: ['admin', 'leader'],
    kind: 'employee',
    team: 'People',
    locale: 'fi',
  },
  {
    email: 'maija.marketing@demo.heimo.test',
    name: 'Maija Marketing',
    roles: ['advocate', 'curator'],
    kind: 'employee',
    team: 'Marketing',
    locale: 'fi',
  },
  {
    email: 'sami.sales@demo.heimo.test',
    name: 'Sami Sales',
    roles: ['advocate'],
    kind: 'employee',
    team: 'Sales',
    locale: 'fi',
  },
  {
    email: 'sara.sales@demo.heimo.test',
    name: 'Sara Sales',
    roles: ['advocate', 'leader'],
    kind: 'employee',
    team: 'Sales',
    locale: 'en',
  },
  {
    email: 'pekka.product@demo.heimo.test',
    name: 'Pekka Product',
    roles: ['advocate'],
    kind: 'employee',
    team: 'Product',
    locale: 'fi',
  },
  {
    email: 'paula.product@demo.heimo.test',
    name: 'Paula Product',
    roles: ['curator'],
    kind: 'employee',
    team: 'Product',
    locale: 'en',
  },
  {
    email: 'nils.nordics@demo.heimo.test',
    name: 'Nils Nordics',
    roles: ['advocate'],
    kind: 'employee',
    team: 'Nordics',
    locale: 'en',
  },
  {
    email: 'ida.invited@demo.heimo.test',
    name: 'Ida Invited',
    roles: ['advocate'],
    kind: 'employee',
    team: 'Marketing',
    locale: 'en',
    status: 'invited',
  },
  {
    email: 'ilkka.invited@demo.heimo.test',
    name: 'Ilkka Invited',
    roles: ['leader'],
    kind: 'employee',
    team: 'Sales',
    locale: 'fi',
    status: 'invited',
    invitationExpired: true,
  },
  {
    email: 'dora.deactivated@demo.heimo.test',
    name: 'Dora Deactivated',
    roles: ['advocate'],
    kind: 'employee',
    team: 'Sales',
    locale: 'en',
    status: 'deactivated',
  },
  { email: 'frank.fan@demo.heimo.test', name: 'Frank Fan', roles: ['advocate'], kind: 'fan', locale: 'en' },
  { email: 'fanni.fan@demo.heimo.test', name: 'Fanni Fan', roles: ['advocate'], kind: 'fan', locale: 'fi' },
  {
    email: 'felix.former@demo.heimo.test',
    name: 'Felix Former',
    roles: ['advocate'],
    kind: 'fan',
    locale: 'en',
    status: 'deactivated',
  },
];

export const DEMO_TEAM_NAMES: readonly string[] = ['People', 'Marketing', 'Sales', 'Product', 'Nordics'];
