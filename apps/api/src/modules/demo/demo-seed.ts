import type { DataSource } from 'typeorm';
import { hashPassword } from '../auth/password-hasher';
import { Member, type Role } from '../members/entities/member.entity';
import { Organisation } from '../organisations/entities/organisation.entity';
import { Team } from '../organisations/entities/team.entity';

export const DEMO_SLUG = 'demo';
/** Printed at start: the demo is for looking around on one's own machine, never for production. */
export const DEMO_PASSWORD = 'demo-password-2026';

export interface DemoLogin {
  readonly email: string;
  readonly roles: readonly Role[];
}

const people: {
  email: string;
  name: string;
  roles: Role[];
  kind: 'employee' | 'fan';
  team?: string;
  locale: 'en' | 'fi';
}[] = [
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

export const DEMO_LOGINS: readonly DemoLogin[] = people.map(({ email, roles }) => ({ email, roles }));

/** Creates the demo organisation once; a second run finds it and changes nothing. */
export async function seedDemo(dataSource: DataSource): Promise<{ created: boolean }> {
  const existing = await dataSource.getRepository(Organisation).findOneBy({ slug: DEMO_SLUG });
  if (existing) return { created: false };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await dataSource.transaction(async (manager) => {
    const organisation = await manager.getRepository(Organisation).save(
      manager.getRepository(Organisation).create({
        name: 'Demo',
        slug: DEMO_SLUG,
        timezone: 'Europe/Helsinki',
        defaultLocale: 'en',
        settings: { disclosureHashtag: '#employee' },
      }),
    );
    const teams = new Map<string, Team>();
    for (const name of new Set(people.flatMap((p) => (p.team ? [p.team] : [])))) {
      teams.set(name, await manager.getRepository(Team).save({ organisationId: organisation.id, name }));
    }
    for (const person of people) {
      await manager.getRepository(Member).save(
        manager.getRepository(Member).create({
          organisationId: organisation.id,
          email: person.email,
          name: person.name,
          roles: person.roles,
          kind: person.kind,
          locale: person.locale,
          teamId: person.team ? (teams.get(person.team)?.id ?? null) : null,
          status: 'active',
          passwordHash,
        }),
      );
    }
  });
  return { created: true };
}
