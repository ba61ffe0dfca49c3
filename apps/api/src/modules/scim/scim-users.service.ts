import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuditAction } from '@heimo/domain';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import type { Caller } from '../../infra/http/caller';
import { AuditService } from '../audit/audit.service';
import { AuthService } from '../auth/auth.service';
import { LOCALES, type Locale, Member } from '../members/entities/member.entity';
import { isAccountEmail } from '../people/dto/account-email';
import { PeopleService } from '../people/people.service';
import { SCIM_BASE_PATH } from './scim-body';
import type { Comparison } from './scim-filter';
import { filterAttribute, type ScimListQuery } from './scim-query';
import {
  applyPatch,
  checkPatchBody,
  checkResource,
  ENTERPRISE_SCHEMA,
  type Json,
  type JsonObject,
  LIST_SCHEMA,
  USER_SCHEMA,
  USER_SHAPE,
} from './scim-schema';
import { ScimError, scimBadRequest, scimNotFound } from './scim.errors';
import { ScimTeams } from './scim-teams';

interface UserRow {
  id: string;
  member_id: string;
  user_name: string;
  external_id: string | null;
  attributes: JsonObject;
  version: number;
  created_at: Date;
  updated_at: Date;
  status: Member['status'];
  groups: { value: string; display: string }[] | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_NAME = 200;
/**
 * The longest userName: sign-in names are far shorter (Entra ID's userPrincipalName at most 113,
 * Okta's login 100), and the unique index on lower(user_name) holds at most ~2.7 kB a row.
 */
const MAX_USER_NAME = 256;

const SELECT_USER = `
  SELECT u.id, u.member_id, u.user_name, u.external_id, u.attributes, u.version, u.created_at, u.updated_at, m.status,
         (SELECT json_agg(json_build_object('value', g.id, 'display', g.display_name) ORDER BY g.display_name)
            FROM scim_group_members gm JOIN scim_groups g ON g.id = gm.group_id
           WHERE gm.member_id = u.member_id AND g.organisation_id = u.organisation_id) AS groups
    FROM scim_users u JOIN members m ON m.id = u.member_id`;

/** What a User resource sets on its member. */
interface MemberFields {
  readonly email: string;
  readonly name: string;
  readonly locale: Locale | undefined;
  readonly active: boolean;
}

const uniqueness = (detail: string) => new ScimError(409, 'uniqueness', detail);

/**
 * SCIM Users (RFC 7644 §3): each is one member of the token's organisation. Creating one links the
 * member a deleted User of the same userName had, else the member with its e-mail, else a new
 * member (an advocate, active, signing in through single sign-on); every member so touched is
 * marked managed (`managed_by = 'scim'`). `active: false` and DELETE deactivate the member and end
 * their sessions at once, in the same transaction; a deleted User answers 404 from then on.
 */
@Injectable()
export class ScimUsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly people: PeopleService,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly teams: ScimTeams,
  ) {}

  /** Where the SCIM resources live, as their `location`s name them. */
  private baseUrl(): string {
    return `${this.config.publicUrl}${SCIM_BASE_PATH}`;
  }

  async list(organisationId: string, query: ScimListQuery) {
    const where: string[] = ['u.organisation_id = $1', 'u.deleted_at IS NULL'];
    const params: unknown[] = [organisationId];
    for (const { attribute, value, where: among } of query.filter) {
      const name = filterAttribute(attribute, USER_SCHEMA);
      if (typeof value !== 'string')
        throw scimBadRequest('invalidFilter', `${attribute} is compared with a string.`);
      // A parameter PostgreSQL is sent but never reads has no type it can infer: add it only when used.
      const p = () => `$${params.push(value)}`;
      if (name === 'username') where.push(`lower(u.user_name) = lower(${p()})`);
      else if (name === 'externalid') where.push(`u.external_id = ${p()}`);
      else if (name === 'id') where.push(UUID.test(value) ? `u.id = ${p()}::uuid` : 'false');
      else if (name === 'emails.value' || (name === 'emails' && !among))
        where.push(
          `EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(u.attributes->'emails') = 'array' THEN u.attributes->'emails' ELSE '[]' END) e WHERE lower(e->>'value') = lower(${p()})${emailTypeCondition(among, params)})`,
        );
      else
        throw scimBadRequest(
          'invalidFilter',
          `Users cannot be filtered by ${attribute}; use userName, externalId or emails.value.`,
        );
      if (among && name !== 'emails.value')
        throw scimBadRequest(
          'invalidFilter',
          `${attribute} takes no value filter here; emails[type eq "…"].value does.`,
        );
    }
    params.push(query.count, query.startIndex - 1);
    const rows = await this.dataSource.query<(UserRow & { total: number })[]>(
      `${SELECT_USER.replace('SELECT u.id', 'SELECT count(*) OVER ()::int AS total, u.id')}
        WHERE ${where.join(' AND ')}
        ORDER BY u.created_at, u.id LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    let total = rows[0]?.total;
    if (total === undefined)
      [{ n: total }] = await this.dataSource.query<[{ n: number }]>(
        `SELECT count(*)::int AS n FROM scim_users u WHERE ${where.join(' AND ')}`,
        params.slice(0, -2),
      );
    return {
      schemas: [LIST_SCHEMA],
      totalResults: total,
      startIndex: query.startIndex,
      itemsPerPage: rows.length,
      Resources: rows.map((row) => this.toResource(row)),
    };
  }

  async get(organisationId: string, id: string, manager: EntityManager = this.dataSource.manager) {
    return this.toResource(await this.find(manager, organisationId, id));
  }

  async create(caller: Caller, body: unknown) {
    const resource = checkResource(USER_SHAPE, body);
    const fields = memberFields(resource);
    const userName = userNameOf(resource);
    const id = await this.dataSource
      .transaction(async (manager) => {
        const organisationId = caller.organisationId;
        await this.people.lockAdmins(manager, organisationId);
        if (await this.liveUserNamed(manager, organisationId, userName))
          throw uniqueness(`A user with userName ${userName} exists.`);
        // The member a deleted User of this userName had, else the member with the address.
        const previous = await manager.query<{ member_id: string }[]>(
          `SELECT u.member_id FROM scim_users u
          WHERE u.organisation_id = $1 AND lower(u.user_name) = lower($2) AND u.deleted_at IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM scim_users l WHERE l.member_id = u.member_id AND l.deleted_at IS NULL)
          ORDER BY u.deleted_at DESC LIMIT 1`,
          [organisationId, userName],
        );
        let memberId = previous[0]?.member_id;
        if (!memberId) {
          const byEmail = await manager.query<{ id: string; linked: boolean }[]>(
            `SELECT m.id, EXISTS (SELECT 1 FROM scim_users l WHERE l.member_id = m.id AND l.deleted_at IS NULL) AS linked
             FROM members m WHERE m.organisation_id = $1 AND m.email = $2`,
            [organisationId, fields.email],
          );
          if (byEmail[0]?.linked) throw uniqueness(`Another user has the e-mail address ${fields.email}.`);
          memberId = byEmail[0]?.id;
        }
        let linked = true;
        let member: Member;
        if (memberId) {
          member = await this.people.lock(manager, organisationId, memberId);
          await this.updateMember(manager, caller, member, fields);
        } else {
          linked = false;
          member = await this.insertMember(manager, organisationId, fields);
        }
        const [row] = await manager.query<{ id: string }[]>(
          `INSERT INTO scim_users (organisation_id, member_id, user_name, external_id, attributes)
         VALUES ($1, $2, $3, $4, $5) RETURNING id`,
          [organisationId, member.id, userName, resource.externalId ?? null, JSON.stringify(kept(resource))],
        );
        if (!row) throw new Error('scim_users insert returned no row');
        await this.record(manager, caller, 'scim.user_provisioned', member.id, { userId: row.id, linked });
        return row.id;
      })
      .catch(rethrowUnique);
    return this.get(caller.organisationId, id);
  }

  async replace(caller: Caller, id: string, body: unknown) {
    const resource = checkResource(USER_SHAPE, body);
    return this.write(caller, id, () => resource);
  }

  async patch(caller: Caller, id: string, body: unknown) {
    const operations = checkPatchBody(body);
    return this.write(caller, id, (current) =>
      // The result is checked whole, as a PUT body would be.
      checkResource(USER_SHAPE, { schemas: [USER_SCHEMA], ...applyPatch(USER_SHAPE, current, operations) }),
    );
  }

  async delete(caller: Caller, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const organisationId = caller.organisationId;
      await this.people.lockAdmins(manager, organisationId);
      const row = await this.find(manager, organisationId, id, true);
      const member = await this.people.lock(manager, organisationId, row.member_id);
      await this.setStatus(manager, caller, member, false);
      await manager.query('UPDATE scim_users SET deleted_at = now() WHERE id = $1', [row.id]);
      await this.teams.leaveAll(manager, organisationId, member.id);
      await this.record(manager, caller, 'scim.user_deleted', member.id, { userId: row.id });
    });
  }

  /** PUT and PATCH: the new resource from the current one, applied to the User and its member. */
  private async write(caller: Caller, id: string, next: (current: JsonObject) => JsonObject) {
    if (!UUID.test(id)) throw scimNotFound('User', id);
    await this.dataSource
      .transaction(async (manager) => {
        const organisationId = caller.organisationId;
        await this.people.lockAdmins(manager, organisationId);
        const row = await this.find(manager, organisationId, id, true);
        const resource = next(this.canonical(row));
        const fields = memberFields(resource);
        const userName = userNameOf(resource);
        if (userName.toLowerCase() !== row.user_name.toLowerCase()) {
          const other = await this.liveUserNamed(manager, organisationId, userName);
          if (other && other !== row.id) throw uniqueness(`A user with userName ${userName} exists.`);
        }
        const member = await this.people.lock(manager, organisationId, row.member_id);
        const changed = await this.updateMember(manager, caller, member, fields);
        const attributes = kept(resource);
        const same =
          userName === row.user_name &&
          (resource.externalId ?? null) === row.external_id &&
          JSON.stringify(attributes) === JSON.stringify(row.attributes);
        if (same && !changed) return;
        await manager.query(
          `UPDATE scim_users SET user_name = $2, external_id = $3, attributes = $4, version = version + 1, updated_at = now()
          WHERE id = $1`,
          [row.id, userName, resource.externalId ?? null, JSON.stringify(attributes)],
        );
        if (!same) await this.record(manager, caller, 'scim.user_updated', member.id, { userId: row.id });
      })
      .catch(rethrowUnique);
    return this.get(caller.organisationId, id);
  }

  private async find(
    manager: EntityManager,
    organisationId: string,
    id: string,
    lock = false,
  ): Promise<UserRow> {
    if (!UUID.test(id)) throw scimNotFound('User', id);
    const rows = await manager.query<UserRow[]>(
      `${SELECT_USER} WHERE u.id = $1 AND u.organisation_id = $2 AND u.deleted_at IS NULL${lock ? ' FOR UPDATE OF u' : ''}`,
      [id, organisationId],
    );
    if (!rows[0]) throw scimNotFound('User', id);
    return rows[0];
  }

  private async liveUserNamed(manager: EntityManager, organisationId: string, userName: string) {
    const rows = await manager.query<{ id: string }[]>(
      'SELECT id FROM scim_users WHERE organisation_id = $1 AND lower(user_name) = lower($2) AND deleted_at IS NULL',
      [organisationId, userName],
    );
    return rows[0]?.id;
  }

  private async insertMember(
    manager: EntityManager,
    organisationId: string,
    fields: MemberFields,
  ): Promise<Member> {
    const members = manager.getRepository(Member);
    return members.save(
      members.create({
        organisationId,
        email: fields.email,
        name: fields.name,
        roles: ['advocate'],
        kind: 'employee',
        status: fields.active ? 'active' : 'deactivated',
        locale: fields.locale ?? 'en',
        teamId: null,
        passwordHash: null,
        managedBy: 'scim',
      }),
    );
  }

  /** The member's name, e-mail, language and status as the provider has them; whether any changed. */
  private async updateMember(
    manager: EntityManager,
    caller: Caller,
    member: Member,
    fields: MemberFields,
  ): Promise<boolean> {
    if (fields.email !== member.email) {
      const taken = await manager.query<unknown[]>(
        'SELECT 1 FROM members WHERE organisation_id = $1 AND email = $2 AND id <> $3',
        [member.organisationId, fields.email, member.id],
      );
      if (taken.length) throw uniqueness(`Another member has the e-mail address ${fields.email}.`);
    }
    const changed =
      member.email !== fields.email ||
      member.name !== fields.name ||
      (fields.locale !== undefined && member.locale !== fields.locale) ||
      member.managedBy !== 'scim';
    if (changed) {
      member.email = fields.email;
      member.name = fields.name;
      if (fields.locale) member.locale = fields.locale;
      member.managedBy = 'scim';
      await manager.getRepository(Member).save(member);
    }
    return (await this.setStatus(manager, caller, member, fields.active)) || changed;
  }

  /**
   * `active` on the member: false deactivates them and ends their sessions (never the last active
   * admin: 409); true brings back a deactivated or invited member. Whether it changed.
   */
  private async setStatus(
    manager: EntityManager,
    caller: Caller,
    member: Member,
    active: boolean,
  ): Promise<boolean> {
    const wanted = active ? 'active' : 'deactivated';
    if (member.status === wanted) return false;
    const wasActiveAdmin = member.status === 'active' && member.roles.includes('admin');
    const from = member.status;
    member.status = wanted;
    await this.people.assertKeepsAnAdmin(manager, member.organisationId, member, wasActiveAdmin);
    await manager.getRepository(Member).save(member);
    if (!active) await this.auth.revokeAllSessions(member.organisationId, member.id, 'deactivated', manager);
    await this.record(
      manager,
      caller,
      active ? 'scim.user_reactivated' : 'scim.user_deactivated',
      member.id,
      {
        from,
      },
    );
    return true;
  }

  private record(
    manager: EntityManager,
    caller: Caller,
    action: AuditAction,
    memberId: string,
    details: Record<string, unknown>,
  ): Promise<void> {
    return this.audit.record(
      {
        organisationId: caller.organisationId,
        actorId: null,
        action,
        target: { type: 'member', id: memberId },
        details: { ...details, tokenId: caller.token?.id ?? null },
      },
      manager,
    );
  }

  /** The stored User as a canonical resource (what PATCH applies its operations to). */
  private canonical(row: UserRow): JsonObject {
    return {
      ...row.attributes,
      userName: row.user_name,
      ...(row.external_id !== null ? { externalId: row.external_id } : {}),
      active: row.status !== 'deactivated',
    };
  }

  private toResource(row: UserRow) {
    const location = `${this.baseUrl()}/Users/${row.id}`;
    const resource = this.canonical(row);
    return {
      schemas: resource[ENTERPRISE_SCHEMA] ? [USER_SCHEMA, ENTERPRISE_SCHEMA] : [USER_SCHEMA],
      id: row.id,
      ...resource,
      groups: (row.groups ?? []).map((group) => ({
        value: group.value,
        display: group.display,
        $ref: `${this.baseUrl()}/Groups/${group.value}`,
        type: 'direct',
      })),
      meta: {
        resourceType: 'User',
        created: new Date(row.created_at).toISOString(),
        lastModified: new Date(row.updated_at).toISOString(),
        location,
        version: `W/"${row.version}"`,
      },
    };
  }
}

/** What the User row keeps: the resource but for what lives in columns or on the member. */
function kept(resource: JsonObject): JsonObject {
  const { userName: _u, externalId: _e, active: _a, ...rest } = resource;
  return rest;
}

function clean(value: Json | undefined, max: number): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .trim()
    .slice(0, max);
  return text || undefined;
}

/**
 * `emails[type eq "work"].value eq …` (Entra ID matching by the work address): the same address's
 * type, as SQL on the element `e`, its values added to `params`. Only `type` is read.
 */
function emailTypeCondition(among: readonly Comparison[] | undefined, params: unknown[]): string {
  let sql = '';
  for (const { attribute, value } of among ?? []) {
    if (attribute.toLowerCase() !== 'type' || typeof value !== 'string')
      throw scimBadRequest('invalidFilter', 'emails[…] filters by type eq "…" only.');
    sql += ` AND lower(e->>'type') = lower($${params.push(value)})`;
  }
  return sql;
}

/** The resource's userName, trimmed, or 400 when it is longer than Heimo keeps. */
function userNameOf(resource: JsonObject): string {
  const userName = (resource.userName as string).trim();
  if (userName.length > MAX_USER_NAME)
    throw scimBadRequest('invalidValue', `userName must be at most ${MAX_USER_NAME} characters.`);
  return userName;
}

/** The member's e-mail, name, language and status from a checked User resource, or 400. */
function memberFields(resource: JsonObject): MemberFields {
  const emails = (Array.isArray(resource.emails) ? resource.emails : []) as JsonObject[];
  const chosen =
    emails.find((email) => email.primary === true) ??
    emails.find((email) => typeof email.type === 'string' && email.type.toLowerCase() === 'work') ??
    emails[0];
  const userName = (resource.userName as string).trim();
  const address = (typeof chosen?.value === 'string' ? chosen.value : userName).trim().toLowerCase();
  if (!isAccountEmail(address))
    throw scimBadRequest(
      'invalidValue',
      chosen
        ? `emails: ${address} is not an e-mail address.`
        : 'A user needs emails, or a userName that is an e-mail address.',
    );
  const name = resource.name as JsonObject | undefined;
  const parts = [clean(name?.givenName, MAX_NAME), clean(name?.familyName, MAX_NAME)]
    .filter(Boolean)
    .join(' ');
  const display =
    clean(resource.displayName, MAX_NAME) ??
    clean(name?.formatted, MAX_NAME) ??
    (parts ? parts.slice(0, MAX_NAME) : undefined);
  const language = (clean(resource.preferredLanguage, 20) ?? clean(resource.locale, 20))
    ?.slice(0, 2)
    .toLowerCase();
  return {
    email: address,
    name: display ?? address.slice(0, address.indexOf('@')),
    locale: (LOCALES as readonly string[]).includes(language ?? '') ? (language as Locale) : undefined,
    active: resource.active !== false,
  };
}

/** Two providers' requests at once can both pass the look-ups; the unique indexes decide. */
function rethrowUnique(error: unknown): never {
  const code =
    (error as { code?: string; driverError?: { code?: string } }).driverError?.code ??
    (error as { code?: string }).code;
  if (code === '23505') throw uniqueness('A user with this userName or e-mail address exists.');
  throw error;
}
