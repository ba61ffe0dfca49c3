import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
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
