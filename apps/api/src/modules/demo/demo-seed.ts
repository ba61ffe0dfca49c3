import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../auth/password-hasher';
import {
  type Locale,
  Member,
  type MemberKind,
  type MemberStatus,
  type Role,
} from '../members/entities/member.entity';
import { Organisation } from '../organisations/entities/organisation.entity';
import { Team } from '../organisations/entities/team.entity';
import { Invitation } from '../people/entities/invitation.entity';

export const DEMO_SLUG = 'demo';
/** Printed at start: the demo is for looking around on one's own machine, never for production. */
export const DEMO_PASSWORD = 'demo-password-2026';

export interface DemoLogin {
  readonly email: string;
  readonly roles: readonly Role[];
}

interface DemoPerson {
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
const people: DemoPerson[] = [
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
const colleagues: DemoPerson[] = [
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

const teamNames = ['People', 'Marketing', 'Sales', 'Product', 'Nordics'];

export const DEMO_LOGINS: readonly DemoLogin[] = people.map(({ email, roles }) => ({ email, roles }));

/**
 * Creates the demo organisation once, and on every run adds any demo team or person that is
 * missing (so an older demo gains the newer people). Nobody already there is changed.
 */
export async function seedDemo(dataSource: DataSource): Promise<{ created: boolean }> {
  let passwordHash: Promise<string> | undefined;
  return dataSource.transaction(async (manager) => {
    const organisations = manager.getRepository(Organisation);
    let organisation = await organisations.findOneBy({ slug: DEMO_SLUG });
    const created = !organisation;
    organisation ??= await organisations.save(
      organisations.create({
        name: 'Demo',
        slug: DEMO_SLUG,
        timezone: 'Europe/Helsinki',
        defaultLocale: 'en',
        settings: { disclosure: { hashtag: '#employee', required: true }, fanProgrammeOpen: true },
      }),
    );
    const organisationId = organisation.id;

    const teams = new Map<string, Team>();
    for (const name of teamNames) {
      const team =
        (await manager.getRepository(Team).findOneBy({ organisationId, name })) ??
        (await manager.getRepository(Team).save({ organisationId, name }));
      teams.set(name, team);
    }

    const members = manager.getRepository(Member);
    for (const person of [...people, ...colleagues]) {
      if (await members.existsBy({ organisationId, email: person.email })) continue;
      const status = person.status ?? 'active';
      const member = await members.save(
        members.create({
          organisationId,
          email: person.email,
          name: person.name,
          roles: person.roles,
          kind: person.kind,
          locale: person.locale,
          teamId: person.team ? (teams.get(person.team)?.id ?? null) : null,
          status,
          passwordHash: status === 'invited' ? null : await (passwordHash ??= hashPassword(DEMO_PASSWORD)),
        }),
      );
      if (status === 'invited') {
        const day = 24 * 3600 * 1000;
        // Nobody knows this token: the admin invites again to get a link to hand over.
        await manager.getRepository(Invitation).insert({
          organisationId,
          memberId: member.id,
          tokenHash: createHash('sha256').update(randomBytes(32)).digest('base64url'),
          invitedByMemberId: null,
          expiresAt: new Date(Date.now() + (person.invitationExpired ? -day : 7 * day)),
          acceptedAt: null,
        });
      }
    }
    return { created };
  });
}
