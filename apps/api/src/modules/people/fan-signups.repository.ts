import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, IsNull, LessThanOrEqual } from 'typeorm';
import { Member } from '../members/entities/member.entity';
import { FanSignup } from './entities/fan-signup.entity';

export type NewFanSignup = Pick<
  FanSignup,
  'organisationId' | 'email' | 'name' | 'locale' | 'passwordHash' | 'tokenHash' | 'expiresAt'
>;

/** Fan sign-ups waiting for confirmation, and the member (if any) already using an address. */
@Injectable()
export class FanSignupsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findMemberByEmail(manager: EntityManager, organisationId: string, email: string): Promise<Member | null> {
    return manager.getRepository(Member).findOneBy({ organisationId, email });
  }

  async insert(manager: EntityManager, signup: NewFanSignup): Promise<void> {
    await manager.getRepository(FanSignup).insert({ ...signup, usedAt: null });
  }

  findByTokenHash(
    tokenHash: string,
    lock: boolean,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<FanSignup | null> {
    const qb = manager
      .getRepository(FanSignup)
      .createQueryBuilder('s')
      .where('s.token_hash = :hash', { hash: tokenHash });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  async markUsed(manager: EntityManager, id: string, at: Date): Promise<void> {
    await manager.getRepository(FanSignup).update({ id }, { usedAt: at });
  }

  /** Deletes sign-ups never confirmed whose link expired by `now` (48 hours after sign-up). */
  async purgeUnconfirmed(now: Date): Promise<number> {
    const result = await this.dataSource
      .getRepository(FanSignup)
      .delete({ usedAt: IsNull(), expiresAt: LessThanOrEqual(now) });
    return result.affected ?? 0;
  }
}
