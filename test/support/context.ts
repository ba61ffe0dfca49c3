import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../../apps/api/src/modules/auth/password-hasher';
import {
  Member,
  type MemberKind,
  type Role,
} from '../../apps/api/src/modules/members/entities/member.entity';
import { Organisation } from '../../apps/api/src/modules/organisations/entities/organisation.entity';
import { Team } from '../../apps/api/src/modules/organisations/entities/team.entity';

export const TEST_PASSWORD = 'correct-horse-battery-staple';
let passwordHash: Promise<string> | undefined;

export interface NewMember {
  readonly roles?: Role[];
  readonly kind?: MemberKind;
  readonly status?: Member['status'];
  readonly teamId?: string | null;
  readonly locale?: Member['locale'];
  readonly name?: string;
}

/** Makes real rows for a test: `const { org, admin, curator, advocate } = await ctx.newOrg()`. */
export class TestContext {
  constructor(
    readonly dataSource: DataSource,
    readonly baseUrl: string,
  ) {}

  async newOrg(name = 'Org') {
    const slug = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${randomBytes(4).toString('hex')}`;
    const org = await this.dataSource
      .getRepository(Organisation)
      .save({ name, slug, timezone: 'Europe/Helsinki', defaultLocale: 'en', settings: {} });
    const team = await this.dataSource.getRepository(Team).save({ organisationId: org.id, name: 'Sales' });
    const admin = await this.newMember(org.id, { roles: ['admin'], name: 'Ada Admin' });
    const curator = await this.newMember(org.id, { roles: ['curator'], name: 'Cora Curator' });
    const leader = await this.newMember(org.id, { roles: ['leader'], name: 'Leo Leader' });
    const advocate = await this.newMember(org.id, {
      roles: ['advocate'],
      name: 'Aku Advocate',
      teamId: team.id,
    });
    return { org, team, admin, curator, leader, advocate };
  }

  async newMember(organisationId: string, options: NewMember = {}): Promise<Member> {
    passwordHash ??= hashPassword(TEST_PASSWORD);
    const repo = this.dataSource.getRepository(Member);
    return repo.save(
      repo.create({
        organisationId,
        email: `m-${randomBytes(5).toString('hex')}@example.test`,
        name: options.name ?? 'Test Member',
        roles: options.roles ?? ['advocate'],
        kind: options.kind ?? 'employee',
        status: options.status ?? 'active',
        teamId: options.teamId ?? null,
        locale: options.locale ?? 'en',
        passwordHash: await passwordHash,
      }),
    );
  }

  async newTeam(organisationId: string, name = `Team ${randomBytes(3).toString('hex')}`): Promise<Team> {
    return this.dataSource.getRepository(Team).save({ organisationId, name });
  }

  /**
   * Everything an organisation holds, for "nothing was written" checks: the organisation row, its
   * teams, members, invitations and audit events, as one comparable value.
   */
  async orgState(organisationId: string): Promise<unknown> {
    const rows = (sql: string) => this.dataSource.query(sql, [organisationId]);
    return {
      organisation: await rows(
        'SELECT name, timezone, default_locale, settings, version FROM organisations WHERE id = $1',
      ),
      teams: await rows('SELECT id, name FROM teams WHERE organisation_id = $1 ORDER BY id'),
      members: await rows(
        `SELECT id, email, name, roles, kind, status, team_id, locale, password_hash, version
           FROM members WHERE organisation_id = $1 ORDER BY id`,
      ),
      invitations: await rows(
        'SELECT id, member_id, token_hash, accepted_at FROM invitations WHERE organisation_id = $1 ORDER BY id',
      ),
      auditEvents: await rows('SELECT count(*)::int AS n FROM audit_events WHERE organisation_id = $1'),
    };
  }

  /** A supertest agent signed in as the member (it keeps the session cookies). */
  async signIn(member: Pick<Member, 'email'>) {
    const agent = request.agent(this.baseUrl);
    const response = await agent
      .post('/api/auth/login')
      .send({ email: member.email, password: TEST_PASSWORD });
    if (response.status !== 200)
      throw new Error(`sign-in failed for ${member.email}: ${response.status} ${response.text}`);
    return agent;
  }
}
