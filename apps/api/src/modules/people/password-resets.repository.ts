import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { PasswordReset } from '../auth/entities/password-reset.entity';
import { Member } from '../members/entities/member.entity';

export type NewPasswordReset = Pick<
  PasswordReset,
  'organisationId' | 'memberId' | 'tokenHash' | 'requestedByMemberId' | 'expiresAt'
>;

/** Password reset links (their token hashes) and the members they reset. */
@Injectable()
export class PasswordResetsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The active members with this address, in any organisation (a reset e-mail goes to each). */
  activeMembersByEmail(manager: EntityManager, email: string, limit: number): Promise<Member[]> {
    return manager.getRepository(Member).find({
      where: { email, status: 'active' },
      order: { createdAt: 'ASC' },
      take: limit,
    });
  }

  async insert(manager: EntityManager, reset: NewPasswordReset): Promise<void> {
    await manager.getRepository(PasswordReset).insert({ ...reset, usedAt: null });
  }

  findByTokenHash(
    tokenHash: string,
    lock: boolean,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<PasswordReset | null> {
    const qb = manager
      .getRepository(PasswordReset)
      .createQueryBuilder('r')
      .where('r.token_hash = :hash', { hash: tokenHash });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  /** Marks every unused link of the member used: a new password makes the older links void. */
  async useAll(manager: EntityManager, memberId: string, at: Date): Promise<void> {
    await manager.getRepository(PasswordReset).update({ memberId, usedAt: IsNull() }, { usedAt: at });
  }

  findMember(
    organisationId: string,
    memberId: string,
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<Member | null> {
    const qb = manager
      .getRepository(Member)
      .createQueryBuilder('m')
      .where('m.organisation_id = :organisationId AND m.id = :memberId', { organisationId, memberId });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  async setPasswordHash(manager: EntityManager, memberId: string, passwordHash: string): Promise<void> {
    await manager.getRepository(Member).update({ id: memberId }, { passwordHash });
  }

  async memberName(manager: EntityManager, organisationId: string, memberId: string): Promise<string> {
    const member = await manager.getRepository(Member).findOneBy({ organisationId, id: memberId });
    return member?.name ?? '';
  }
}
