import { trainingReadiness } from '@heimo/domain';
import { DataSource } from 'typeorm';
import { databaseOptions } from '../../apps/api/src/data-source';
import { seedDemo } from '../../apps/api/src/modules/demo/demo-seed';
import { Member } from '../../apps/api/src/modules/members/entities/member.entity';
import { Organisation } from '../../apps/api/src/modules/organisations/entities/organisation.entity';
import { mergeSettings } from '../../apps/api/src/modules/organisations/organisation-settings.defaults';
import { TrainingCompletion } from '../../apps/api/src/modules/training/entities/training-completion.entity';
import {
  gatingModulesFor,
  loadCompletions,
  loadPublishedModules,
} from '../../apps/api/src/modules/training/training-catalogue';
import { createMigratedDatabase, dropDatabase } from '../support/databases';

describe('the demo training', () => {
  let database: { name: string; url: string };
  let dataSource: DataSource;

  // A database of its own, as in demo-seed.e2e.spec.ts.
  beforeAll(async () => {
    database = await createMigratedDatabase('heimo_demo_training');
    dataSource = new DataSource(databaseOptions({ url: database.url }));
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await dropDatabase(database.name);
  });

  const statuses = async () => {
    const organisation = await dataSource.getRepository(Organisation).findOneByOrFail({ slug: 'demo' });
    const settings = mergeSettings(organisation.settings);
    const modules = await loadPublishedModules(dataSource.manager, organisation.id, settings);
    const members = await dataSource
      .getRepository(Member)
      .find({ where: { organisationId: organisation.id, status: 'active' } });
    const completions = await loadCompletions(
      dataSource.manager,
      organisation.id,
      members.map((m) => m.id),
      modules.map((m) => m.moduleId),
    );
    const byEmail = new Map(
      members.map((member) => [
        member.email,
        trainingReadiness({
          required: gatingModulesFor(member, modules),
          completions: completions.get(member.id) ?? [],
          now: new Date(),
        }),
      ]),
    );
    return { settings, modules, byEmail };
  };

  it('publishes the three modules in en and fi, requires them, and puts demo people in every state', async () => {
    await seedDemo(dataSource);
    const { settings, modules, byEmail } = await statuses();
    expect(modules.map((m) => [m.kind, m.content.title.en, Object.keys(m.content.title).sort()])).toEqual([
      ['policy', 'Social media policy', ['en', 'fi']],
      ['course', 'What is private and what is not', ['en', 'fi']],
      ['course', 'Share in your own voice', ['en', 'fi']],
    ]);
    expect(modules[1]!.content.quiz?.questions).toHaveLength(2);
    expect(settings.requiredTrainingModuleIds).toEqual(modules.map((m) => m.moduleId));
    // The demo logins may share at once.
    for (const email of ['advocate@demo.heimo.test', 'fan@demo.heimo.test'])
      expect(byEmail.get(email)?.mayShare).toBe(true);
    const blockingOf = (email: string) => byEmail.get(email)?.blocking.map((b) => b.status);
    expect(blockingOf('sami.sales@demo.heimo.test')).toEqual(['expired']);
    expect(blockingOf('sara.sales@demo.heimo.test')).toEqual(['outdated']);
    expect(blockingOf('pekka.product@demo.heimo.test')).toEqual(['failed', 'not_started']);
    expect(blockingOf('nils.nordics@demo.heimo.test')).toEqual(['not_started', 'not_started', 'not_started']);
    expect(blockingOf('fanni.fan@demo.heimo.test')).toEqual(['not_started']);
  });

  it('adds nothing when run again', async () => {
    const before = await dataSource.getRepository(TrainingCompletion).count();
    const settingsBefore = (await statuses()).settings;
    await seedDemo(dataSource);
    expect(await dataSource.getRepository(TrainingCompletion).count()).toBe(before);
    expect((await statuses()).modules).toHaveLength(3);
    expect((await statuses()).settings).toEqual(settingsBefore);
  });
});
