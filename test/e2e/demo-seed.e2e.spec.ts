import { DataSource } from 'typeorm';
import { databaseOptions } from '../../apps/api/src/data-source';
import { verifyPassword } from '../../apps/api/src/modules/auth/password-hasher';
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemo } from '../../apps/api/src/modules/demo/demo-seed';
import { Member } from '../../apps/api/src/modules/members/entities/member.entity';
import { Team } from '../../apps/api/src/modules/organisations/entities/team.entity';
import { Invitation } from '../../apps/api/src/modules/people/entities/invitation.entity';
import { createMigratedDatabase, dropDatabase } from '../support/databases';

describe('the demo seed', () => {
  let database: { name: string; url: string };
  let dataSource: DataSource;

  // A database of its own: the browser journeys seed the run's database at the same time.
  beforeAll(async () => {
    database = await createMigratedDatabase('heimo_demo');
    dataSource = new DataSource(databaseOptions({ url: database.url }));
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await dropDatabase(database.name);
  });

  const counts = async () => ({
    teams: await dataSource.getRepository(Team).count(),
    members: await dataSource.getRepository(Member).count(),
    invitations: await dataSource.getRepository(Invitation).count(),
  });

  it('creates teams and people across roles, kinds and statuses, keeping the five logins', async () => {
    expect(await seedDemo(dataSource)).toEqual({ created: true });
    expect(await counts()).toEqual({ teams: 5, members: 18, invitations: 2 });
    const members = await dataSource.getRepository(Member).find();
    const statuses = new Set(members.map((m) => m.status));
    expect(statuses).toEqual(new Set(['active', 'invited', 'deactivated']));
    expect(new Set(members.map((m) => m.kind))).toEqual(new Set(['employee', 'fan']));
    expect(new Set(members.flatMap((m) => m.roles))).toEqual(
      new Set(['admin', 'curator', 'leader', 'advocate']),
    );
    expect(members.filter((m) => m.status === 'invited').every((m) => m.passwordHash === null)).toBe(true);

    expect(DEMO_LOGINS.map((l) => l.email)).toEqual([
      'admin@demo.heimo.test',
      'curator@demo.heimo.test',
      'leader@demo.heimo.test',
      'advocate@demo.heimo.test',
      'fan@demo.heimo.test',
    ]);
    const admin = members.find((m) => m.email === 'admin@demo.heimo.test')!;
    expect(admin).toMatchObject({ status: 'active', roles: ['admin'] });
    expect(await verifyPassword(DEMO_PASSWORD, admin.passwordHash!)).toBe(true);
  });

  it('changes nothing when run again, and restores what is missing from an older demo', async () => {
    const before = await counts();
    expect(await seedDemo(dataSource)).toEqual({ created: false });
    expect(await counts()).toEqual(before);

    await dataSource.getRepository(Member).delete({ email: 'sami.sales@demo.heimo.test' });
    await dataSource.getRepository(Team).delete({ name: 'Nordics' });
    await seedDemo(dataSource);
    expect(await counts()).toEqual(before);
  });
});
