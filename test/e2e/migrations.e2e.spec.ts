import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { DataSource } from 'typeorm';
import { databaseOptions } from '../../apps/api/src/infra/database/data-source';
import { entities } from '../../apps/api/src/infra/database/entities';
import { schemaDrift } from '../../apps/api/src/infra/database/schema-drift';
import { runDatabaseUrl } from '../support/test-env';

@Entity({ name: 'drift_probe' })
class DriftProbe {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  label!: string;
}

describe('migrations', () => {
  it('agree with the entities on a freshly migrated database', async () => {
    const dataSource = new DataSource(databaseOptions({ url: runDatabaseUrl(), singleConnection: true }));
    await dataSource.initialize();
    try {
      expect(await dataSource.showMigrations()).toBe(false);
      expect((await schemaDrift(dataSource)).up).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });

  it('report drift when an entity changes without a migration', async () => {
    const dataSource = new DataSource({
      ...databaseOptions({ url: runDatabaseUrl(), singleConnection: true }),
      entities: [...entities, DriftProbe],
    });
    await dataSource.initialize();
    try {
      const drift = await schemaDrift(dataSource);
      expect(drift.up.some((q) => q.includes('CREATE TABLE "drift_probe"'))).toBe(true);
    } finally {
      await dataSource.destroy();
    }
  });
});
