import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuditAction } from '@heimo/domain';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import type { Caller } from '../../infra/http/caller';
import { AuditService } from '../audit/audit.service';
import { SCIM_BASE_PATH } from './scim-body';
import { filterAttribute, type ScimListQuery } from './scim-query';
import {
  applyPatch,
  checkPatchBody,
  checkResource,
  GROUP_SCHEMA,
  GROUP_SHAPE,
  type JsonObject,
  LIST_SCHEMA,
} from './scim-schema';
import { ScimError, scimBadRequest, scimNotFound } from './scim.errors';
import { ScimTeams } from './scim-teams';

interface GroupRow {
  id: string;
  display_name: string;
  external_id: string | null;
  team_id: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

interface MemberRef {
  /** The User's id. */
  value: string;
  member_id: string;
  display: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_DISPLAY_NAME = 200;

/**
 * SCIM Groups: stored as the provider sends them; the ones an admin links to a team set their
 * members' teams (see ScimTeams). A member must be a User of the same organisation (400 otherwise).
 */
@Injectable()
export class ScimGroupsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly teams: ScimTeams,
  ) {}

  /** Where the SCIM resources live, as their `location`s name them. */
  private baseUrl(): string {
    return `${this.config.publicUrl}${SCIM_BASE_PATH}`;
  }

  async list(organisationId: string, query: ScimListQuery) {
    const where = ['g.organisation_id = $1'];
    const params: unknown[] = [organisationId];
    for (const { attribute, value, where: among } of query.filter) {
      const name = filterAttribute(attribute, GROUP_SCHEMA);
      if (among) throw scimBadRequest('invalidFilter', `Groups take no value filter (${attribute}).`);
      if (typeof value !== 'string')
        throw scimBadRequest('invalidFilter', `${attribute} is compared with a string.`);
      // A parameter PostgreSQL is sent but never reads has no type it can infer: add it only when used.
      const p = () => `$${params.push(value)}`;
      if (name === 'displayname') where.push(`lower(g.display_name) = lower(${p()})`);
      else if (name === 'externalid') where.push(`g.external_id = ${p()}`);
      else if (name === 'id') where.push(UUID.test(value) ? `g.id = ${p()}::uuid` : 'false');
      // Entra ID asks whether a user is in a group: id eq "…" and members eq "<user id>".
      else if (name === 'members' || name === 'members.value')
        where.push(
          UUID.test(value)
            ? `EXISTS (SELECT 1 FROM scim_group_members gm JOIN scim_users u ON u.member_id = gm.member_id
                 AND u.organisation_id = g.organisation_id AND u.deleted_at IS NULL
                WHERE gm.group_id = g.id AND u.id = ${p()}::uuid)`
            : 'false',
        );
      else
        throw scimBadRequest(
          'invalidFilter',
          `Groups cannot be filtered by ${attribute}; use displayName, externalId, id or members.`,
        );
    }
    const [{ n: total }] = await this.dataSource.query<[{ n: number }]>(
      `SELECT count(*)::int AS n FROM scim_groups g WHERE ${where.join(' AND ')}`,
      params,
    );
    const rows = await this.dataSource.query<GroupRow[]>(
      `SELECT g.* FROM scim_groups g WHERE ${where.join(' AND ')}
        ORDER BY g.created_at, g.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.count, query.startIndex - 1],
    );
    const withMembers = !query.excluded.includes('members');
    const resources = [];
    for (const row of rows)
      resources.push(
        this.toResource(row, withMembers ? await this.membersOf(this.dataSource.manager, row.id) : undefined),
      );
    return {
      schemas: [LIST_SCHEMA],
      totalResults: total,
      startIndex: query.startIndex,
      itemsPerPage: rows.length,
      Resources: resources,
    };
  }

  async get(organisationId: string, id: string, excluded: readonly string[] = []) {
    const manager = this.dataSource.manager;
    const row = await this.find(manager, organisationId, id);
    return this.toResource(
      row,
      excluded.includes('members') ? undefined : await this.membersOf(manager, row.id),
    );
  }

  async create(caller: Caller, body: unknown) {
    const resource = checkResource(GROUP_SHAPE, body);
    const id = await this.dataSource.transaction(async (manager) => {
      const organisationId = caller.organisationId;
      const displayName = displayNameOf(resource);
      const wanted = await this.resolveMembers(manager, organisationId, resource);
      const [row] = await manager.query<{ id: string }[]>(
        `INSERT INTO scim_groups (organisation_id, display_name, external_id) VALUES ($1, $2, $3)
           ON CONFLICT DO NOTHING RETURNING id`,
        [organisationId, displayName, resource.externalId ?? null],
      );
      if (!row) throw new ScimError(409, 'uniqueness', `A group named ${displayName} exists.`);
      await this.setMembers(manager, organisationId, row.id, null, [], wanted);
      await this.record(manager, caller, 'scim.group_created', row.id, { members: wanted.length });
      return row.id;
    });
    return this.get(caller.organisationId, id);
  }

  async replace(caller: Caller, id: string, body: unknown) {
    const resource = checkResource(GROUP_SHAPE, body);
    return this.write(caller, id, () => resource);
  }

  async patch(caller: Caller, id: string, body: unknown) {
    const operations = checkPatchBody(body);
    return this.write(caller, id, (current) =>
      checkResource(GROUP_SHAPE, {
        schemas: [GROUP_SCHEMA],
        ...applyPatch(GROUP_SHAPE, current, operations),
      }),
    );
  }

  async delete(caller: Caller, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const row = await this.find(manager, caller.organisationId, id, true);
      const members = await this.membersOf(manager, row.id);
      await manager.query('DELETE FROM scim_groups WHERE id = $1', [row.id]);
      if (row.team_id)
        await this.teams.recompute(
          manager,
          caller.organisationId,
          members.map((member) => member.member_id),
        );
      await this.record(manager, caller, 'scim.group_deleted', row.id, { name: row.display_name });
    });
  }

  private async write(caller: Caller, id: string, next: (current: JsonObject) => JsonObject) {
    await this.dataSource
      .transaction(async (manager) => {
        const organisationId = caller.organisationId;
        const row = await this.find(manager, organisationId, id, true);
        const current = await this.membersOf(manager, row.id);
        const resource = next({
          displayName: row.display_name,
          ...(row.external_id !== null ? { externalId: row.external_id } : {}),
          ...(current.length ? { members: current.map((member) => ({ value: member.value })) } : {}),
        });
        const displayName = displayNameOf(resource);
        const wanted = await this.resolveMembers(manager, organisationId, resource);
        if (displayName.toLowerCase() !== row.display_name.toLowerCase()) {
          const taken = await manager.query<unknown[]>(
            'SELECT 1 FROM scim_groups WHERE organisation_id = $1 AND lower(display_name) = lower($2) AND id <> $3',
            [organisationId, displayName, row.id],
          );
          if (taken.length) throw new ScimError(409, 'uniqueness', `A group named ${displayName} exists.`);
        }
        const membersChanged = await this.setMembers(
          manager,
          organisationId,
          row.id,
          row.team_id,
          current,
          wanted,
        );
        const renamed = displayName !== row.display_name || (resource.externalId ?? null) !== row.external_id;
        if (!renamed && !membersChanged) return;
        await manager.query(
          `UPDATE scim_groups SET display_name = $2, external_id = $3, version = version + 1, updated_at = now() WHERE id = $1`,
          [row.id, displayName, resource.externalId ?? null],
        );
        await this.record(manager, caller, 'scim.group_updated', row.id, { members: wanted.length });
      })
      .catch((error: unknown) => {
        // Two renames at once can both pass the look-up; the unique index decides.
        const code =
          (error as { driverError?: { code?: string } }).driverError?.code ??
          (error as { code?: string }).code;
        if (code === '23505') throw new ScimError(409, 'uniqueness', 'A group with this displayName exists.');
        throw error;
      });
    return this.get(caller.organisationId, id);
  }

  /** The group's members' member ids from the resource's User ids: each a live User of the organisation. */
  private async resolveMembers(
    manager: EntityManager,
    organisationId: string,
    resource: JsonObject,
  ): Promise<MemberRef[]> {
    const values = ((resource.members ?? []) as JsonObject[]).map((member) => member.value);
    if (values.some((value) => typeof value !== 'string' || !value))
      throw scimBadRequest('invalidValue', 'Each of members needs the value of a User id.');
    const ids = [...new Set((values as string[]).map((value) => value.toLowerCase()))];
    const malformed = ids.find((value) => !UUID.test(value));
    if (malformed) throw scimBadRequest('invalidValue', `members: ${malformed} is not a User here.`);
    const rows = await manager.query<MemberRef[]>(
      `SELECT u.id AS value, u.member_id, m.name AS display FROM scim_users u JOIN members m ON m.id = u.member_id
        WHERE u.organisation_id = $1 AND u.id = ANY($2::uuid[]) AND u.deleted_at IS NULL`,
      [organisationId, ids],
    );
    const missing = ids.find((value) => !rows.some((row) => row.value === value));
    if (missing) throw scimBadRequest('invalidValue', `members: ${missing} is not a User here.`);
    return rows;
  }

  /** Brings the group's members to `wanted`; members of a linked group have their team recomputed. */
  private async setMembers(
    manager: EntityManager,
    organisationId: string,
    groupId: string,
    teamId: string | null,
    current: readonly MemberRef[],
    wanted: readonly MemberRef[],
  ): Promise<boolean> {
    const added = wanted.filter((member) => !current.some((old) => old.member_id === member.member_id));
    const removed = current.filter((old) => !wanted.some((member) => member.member_id === old.member_id));
    if (added.length)
      await manager.query(
        `INSERT INTO scim_group_members (group_id, member_id, organisation_id)
         SELECT $1, unnest($2::uuid[]), $3 ON CONFLICT DO NOTHING`,
        [groupId, added.map((member) => member.member_id), organisationId],
      );
    if (removed.length)
      await manager.query(
        'DELETE FROM scim_group_members WHERE group_id = $1 AND member_id = ANY($2::uuid[])',
        [groupId, removed.map((member) => member.member_id)],
      );
    if (teamId)
      await this.teams.recompute(
        manager,
        organisationId,
        [...added, ...removed].map((member) => member.member_id),
      );
    return added.length + removed.length > 0;
  }

  private async membersOf(manager: EntityManager, groupId: string): Promise<MemberRef[]> {
    return manager.query<MemberRef[]>(
      `SELECT u.id AS value, gm.member_id, m.name AS display
         FROM scim_group_members gm JOIN members m ON m.id = gm.member_id
         JOIN scim_users u ON u.member_id = gm.member_id AND u.deleted_at IS NULL
        WHERE gm.group_id = $1 ORDER BY gm.added_at, u.id`,
      [groupId],
    );
  }

  private async find(
    manager: EntityManager,
    organisationId: string,
    id: string,
    lock = false,
  ): Promise<GroupRow> {
    if (!UUID.test(id)) throw scimNotFound('Group', id);
    const rows = await manager.query<GroupRow[]>(
      `SELECT * FROM scim_groups WHERE id = $1 AND organisation_id = $2${lock ? ' FOR UPDATE' : ''}`,
      [id, organisationId],
    );
    if (!rows[0]) throw scimNotFound('Group', id);
    return rows[0];
  }

  private record(
    manager: EntityManager,
    caller: Caller,
    action: AuditAction,
    groupId: string,
    details: Record<string, unknown>,
  ): Promise<void> {
    return this.audit.record(
      {
        organisationId: caller.organisationId,
        actorId: null,
        action,
        target: { type: 'scim_group', id: groupId },
        details: { ...details, tokenId: caller.token?.id ?? null },
      },
      manager,
    );
  }

  private toResource(row: GroupRow, members?: readonly MemberRef[]) {
    return {
      schemas: [GROUP_SCHEMA],
      id: row.id,
      displayName: row.display_name,
      ...(row.external_id !== null ? { externalId: row.external_id } : {}),
      ...(members
        ? {
            members: members.map((member) => ({
              value: member.value,
              display: member.display,
              type: 'User',
              $ref: `${this.baseUrl()}/Users/${member.value}`,
            })),
          }
        : {}),
      meta: {
        resourceType: 'Group',
        created: new Date(row.created_at).toISOString(),
        lastModified: new Date(row.updated_at).toISOString(),
        location: `${this.baseUrl()}/Groups/${row.id}`,
        version: `W/"${row.version}"`,
      },
    };
  }
}

function displayNameOf(resource: JsonObject): string {
  const name = (resource.displayName as string).replace(/[\p{Cc}\p{Cf}]/gu, '').trim();
  if (!name || name.length > MAX_DISPLAY_NAME)
    throw scimBadRequest('invalidValue', `displayName must be 1 to ${MAX_DISPLAY_NAME} characters.`);
  return name;
}
