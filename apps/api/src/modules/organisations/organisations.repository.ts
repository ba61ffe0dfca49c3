import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { FanProgramme } from './entities/fan-programme.entity';
import { Organisation } from './entities/organisation.entity';

/** The organisation row (its settings) and its fan programme's join code. */
@Injectable()
export class OrganisationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The organisation's stored settings only; null when there is no such organisation. */
  findSettings(
    organisationId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Pick<Organisation, 'id' | 'settings'> | null> {
    return manager.getRepository(Organisation).findOne({
      where: { id: organisationId },
      select: { id: true, settings: true },
    });
  }

  /** The organisation's default locale and stored settings; null when there is no such organisation. */
  findLocaleAndSettings(
    organisationId: string,
  ): Promise<Pick<Organisation, 'id' | 'defaultLocale' | 'settings'> | null> {
    return this.dataSource.getRepository(Organisation).findOne({
      where: { id: organisationId },
      select: { id: true, defaultLocale: true, settings: true },
    });
  }

  /**
   * Inserts the organisation unless its slug is taken; null when it was (the row there is left as
   * it is). The unique index on the slug decides between two processes creating one at once.
   */
  async insertIfSlugFree(
    manager: EntityManager,
    columns: Pick<Organisation, 'name' | 'slug' | 'timezone' | 'defaultLocale' | 'settings'>,
  ): Promise<Organisation | null> {
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(Organisation)
      // A JSON document, which TypeORM's insert typing does not accept as it is.
      .values(columns as QueryDeepPartialEntity<Organisation>)
      .orIgnore()
      .returning(['id'])
      .execute();
    const id = (inserted.raw as { id: string }[])[0]?.id;
    return id ? manager.getRepository(Organisation).findOneByOrFail({ id }) : null;
  }

  findBySlug(slug: string, manager: EntityManager = this.dataSource.manager): Promise<Organisation | null> {
    return manager.getRepository(Organisation).findOneBy({ slug });
  }

  /** Every organisation, oldest first, with how many active members it has. */
  async listWithMemberCounts(): Promise<(Organisation & { members: number })[]> {
    const rows: (Organisation & { members: string })[] = await this.dataSource
      .getRepository(Organisation)
      .createQueryBuilder('o')
      .select(['o.id AS id', 'o.name AS name', 'o.slug AS slug', 'o.timezone AS timezone'])
      .addSelect('o.default_locale', 'defaultLocale')
      .addSelect('o.created_at', 'createdAt')
      .addSelect(
        `(SELECT count(*) FROM members m WHERE m.organisation_id = o.id AND m.status = 'active')`,
        'members',
      )
      .orderBy('o.created_at', 'ASC')
      .addOrderBy('o.slug', 'ASC')
      .getRawMany();
    return rows.map((row) => ({ ...row, members: Number(row.members) }));
  }

  find(organisationId: string): Promise<Organisation | null> {
    return this.dataSource.getRepository(Organisation).findOneBy({ id: organisationId });
  }

  /** The organisation, locked for update until the transaction ends; null when there is none. */
  lock(manager: EntityManager, organisationId: string): Promise<Organisation | null> {
    return manager
      .getRepository(Organisation)
      .createQueryBuilder('o')
      .setLock('pessimistic_write')
      .where('o.id = :organisationId', { organisationId })
      .getOne();
  }

  save(manager: EntityManager, organisation: Organisation): Promise<Organisation> {
    return manager.getRepository(Organisation).save(organisation);
  }

  /** The organisation whose fan programme has this join code, open or not. */
  findByJoinCode(
    code: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Organisation | null> {
    return manager
      .getRepository(Organisation)
      .createQueryBuilder('o')
      .innerJoin(FanProgramme, 'f', 'f.organisation_id = o.id')
      .where('f.join_code = :code', { code })
      .getOne();
  }

  /** The organisation's fan programme, made with this join code when it has none yet. */
  async ensureFanProgramme(
    manager: EntityManager,
    organisationId: string,
    joinCode: string,
  ): Promise<FanProgramme> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(FanProgramme)
      .values({ organisationId, joinCode, rotatedAt: null })
      .orIgnore()
      .execute();
    return manager.getRepository(FanProgramme).findOneByOrFail({ organisationId });
  }

  async setJoinCode(
    manager: EntityManager,
    organisationId: string,
    joinCode: string,
    at: Date,
  ): Promise<void> {
    await manager.getRepository(FanProgramme).update({ organisationId }, { joinCode, rotatedAt: at });
  }
}
