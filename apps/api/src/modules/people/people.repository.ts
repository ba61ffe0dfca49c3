import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import {
  type KeysetOrder,
  keysetPageFromEntities,
  type Page,
  type PageRequest,
} from '../../infra/database/keyset';
import { likePattern } from '../../infra/http/keyset-page';
import { Member, type MemberKind, type MemberStatus, type Role } from '../members/entities/member.entity';
import { Invitation } from './entities/invitation.entity';

export interface PeopleFilter {
  /** Part of the name or e-mail address. */
  readonly q?: string;
  readonly role?: Role;
  readonly status?: MemberStatus;
  readonly kind?: MemberKind;
  readonly teamId?: string;
}

const BY_NAME: KeysetOrder = { column: 'm.name', kind: 'text', id: 'm.id', direction: 'ASC' };

/** The organisation's members as admins manage them; lookups by id use the scoped helpers. */
@Injectable()
export class PeopleRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** By name, then id, each with its team; filters combine. */
  list(organisationId: string, filter: PeopleFilter, page: PageRequest): Promise<Page<Member>> {
    const qb = this.dataSource
      .getRepository(Member)
      .createQueryBuilder('m')
      .leftJoinAndSelect('m.team', 'team')
      .where('m.organisation_id = :organisationId', { organisationId });
    if (filter.q) qb.andWhere('(m.name ILIKE :q OR m.email ILIKE :q)', { q: likePattern(filter.q) });
    if (filter.role) qb.andWhere(':role = ANY(m.roles)', { role: filter.role });
    if (filter.status) qb.andWhere('m.status = :status', { status: filter.status });
    if (filter.kind) qb.andWhere('m.kind = :kind', { kind: filter.kind });
    if (filter.teamId) qb.andWhere('m.team_id = :teamId', { teamId: filter.teamId });
    // Many-to-one joins only: LIMIT counts members, not joined rows.
    return keysetPageFromEntities(qb, BY_NAME, page, (member) => member);
  }

  /**
   * Holds the organisation's row until the transaction ends, so changes to who its admins are run
   * one at a time. `FOR NO KEY UPDATE` leaves inserts that reference the organisation unblocked.
   */
  async lockAdmins(manager: EntityManager, organisationId: string): Promise<void> {
    await manager.query('SELECT id FROM organisations WHERE id = $1 FOR NO KEY UPDATE', [organisationId]);
  }

  /** How many active admins the organisation has besides this member. */
  async otherActiveAdmins(manager: EntityManager, organisationId: string, memberId: string): Promise<number> {
    const rows: { count: string }[] = await manager.query(
      `SELECT count(*) AS count FROM members
        WHERE organisation_id = $1 AND id <> $2 AND status = 'active' AND 'admin' = ANY(roles)`,
      [organisationId, memberId],
    );
    return Number(rows[0]?.count ?? 0);
  }

  save(manager: EntityManager, member: Member): Promise<Member> {
    return manager.getRepository(Member).save(member);
  }

  /** The invitations of these members, by member id. */
  async invitationsOf(
    manager: EntityManager,
    organisationId: string,
    memberIds: readonly string[],
  ): Promise<Map<string, Invitation>> {
    if (!memberIds.length) return new Map();
    const rows = await manager
      .getRepository(Invitation)
      .findBy({ organisationId, memberId: In([...memberIds]) });
    return new Map(rows.map((row) => [row.memberId, row]));
  }
}
