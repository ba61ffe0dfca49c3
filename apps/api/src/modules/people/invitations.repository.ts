import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { Member } from '../members/entities/member.entity';
import { Organisation } from '../organisations/entities/organisation.entity';
import { Invitation } from './entities/invitation.entity';

export type NewInvitation = Pick<
  Invitation,
  'organisationId' | 'memberId' | 'tokenHash' | 'invitedByMemberId' | 'expiresAt'
>;

export type NewMember = Pick<
  Member,
  'organisationId' | 'email' | 'name' | 'roles' | 'kind' | 'status' | 'teamId' | 'locale' | 'passwordHash'
>;

/** Invitations and the members they, or a fan programme's join link, lead to. */
@Injectable()
export class InvitationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The organisation's member with this address, locked for update; null when there is none. */
  lockMemberByEmail(manager: EntityManager, organisationId: string, email: string): Promise<Member | null> {
    return manager
      .getRepository(Member)
      .createQueryBuilder('m')
      .setLock('pessimistic_write')
      .where('m.organisation_id = :organisationId AND m.email = :email', { organisationId, email })
      .getOne();
  }

  /** A member not saved yet. */
  newMember(manager: EntityManager, organisationId: string, email: string): Member {
    return manager.getRepository(Member).create({ organisationId, email });
  }

  async emailTaken(organisationId: string, email: string): Promise<boolean> {
    return this.dataSource.getRepository(Member).existsBy({ organisationId, email });
  }

  /** Inserts a new member. */
  insertMember(manager: EntityManager, member: NewMember): Promise<Member> {
    const members = manager.getRepository(Member);
    return members.save(members.create(member));
  }

  saveMember(manager: EntityManager, member: Member): Promise<Member> {
    return manager.getRepository(Member).save(member);
  }

  /** The member's invitation, replacing any earlier one (its link stops working). */
  async replaceInvitation(manager: EntityManager, invitation: NewInvitation): Promise<void> {
    const invitations = manager.getRepository(Invitation);
    await invitations.delete({ organisationId: invitation.organisationId, memberId: invitation.memberId });
    await invitations.insert({ ...invitation, acceptedAt: null });
  }

  async memberName(manager: EntityManager, organisationId: string, memberId: string): Promise<string | null> {
    const member = await manager.getRepository(Member).findOne({
      where: { organisationId, id: memberId },
      select: { id: true, name: true },
    });
    return member?.name ?? null;
  }

  organisation(
    organisationId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Organisation> {
    return manager.getRepository(Organisation).findOneByOrFail({ id: organisationId });
  }

  /** The invitation with this token hash, locked for update when asked; null when there is none. */
  findByTokenHash(
    tokenHash: string,
    lock: boolean,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Invitation | null> {
    const qb = manager
      .getRepository(Invitation)
      .createQueryBuilder('i')
      .where('i.token_hash = :hash', { hash: tokenHash });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  findMember(
    organisationId: string,
    memberId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Member | null> {
    return manager.getRepository(Member).findOneBy({ organisationId, id: memberId });
  }

  async markAccepted(manager: EntityManager, invitationId: string, at: Date): Promise<void> {
    await manager.getRepository(Invitation).update({ id: invitationId }, { acceptedAt: at });
  }
}
