import {
  All,
  type CallHandler,
  type CanActivate,
  Controller,
  Delete,
  type ExecutionContext,
  Get,
  HttpCode,
  Inject,
  Injectable,
  type NestInterceptor,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Req,
  Res,
  UseFilters,
  UseGuards,
  UseInterceptors,
  Body,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Observable } from 'rxjs';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import { CurrentCaller, TokenScope } from '../../infra/http/access.decorators';
import type { Caller } from '../../infra/http/caller';
import { AcceptsBody } from '../../infra/http/same-origin.guard';
import { SCIM_BASE_PATH } from './scim-body';
import { ScimGroupsService } from './scim-groups.service';
import { readListQuery, SCIM_MAX_PAGE } from './scim-query';
import {
  ENTERPRISE_ATTRIBUTES,
  ENTERPRISE_SCHEMA,
  GROUP_ATTRIBUTES,
  GROUP_SCHEMA,
  LIST_SCHEMA,
  schemaResource,
  USER_ATTRIBUTES,
  USER_SCHEMA,
} from './scim-schema';
import { ScimUsersService } from './scim-users.service';
import { SCIM_CONTENT_TYPE, ScimError, ScimErrorFilter } from './scim.errors';

/** SCIM answers only its tokens: a signed-in member's session does not provision anyone. */
@Injectable()
class ScimTokenOnly implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const caller = context.switchToHttp().getRequest<{ caller?: Caller }>().caller;
    if (!caller?.token)
      throw new ScimError(401, undefined, 'SCIM takes a SCIM token: Authorization: Bearer heimo_…');
    return true;
  }
}

@Injectable()
class ScimContentType implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    context.switchToHttp().getResponse<Response>().type(SCIM_CONTENT_TYPE);
    return next.handle();
  }
}

const SERVICE_PROVIDER_CONFIG_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';
const RESOURCE_TYPE_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';

/**
 * SCIM 2.0 (RFC 7643, 7644) for identity providers (Entra ID, Okta) at /scim/v2, with an
 * organisation token carrying the `scim` scope. Described by its own discovery resources rather
 * than the OpenAPI document; every error is a SCIM error with application/scim+json.
 */
@ApiExcludeController()
@TokenScope('scim')
@UseGuards(ScimTokenOnly)
@UseFilters(ScimErrorFilter)
@UseInterceptors(ScimContentType)
@AcceptsBody(SCIM_CONTENT_TYPE)
@Controller(SCIM_BASE_PATH.slice(1))
export class ScimController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: ScimUsersService,
    private readonly groups: ScimGroupsService,
  ) {}

  /** Where the SCIM resources live, as their `location`s name them. */
  private baseUrl(): string {
    return `${this.config.publicUrl}${SCIM_BASE_PATH}`;
  }

  @Get('ServiceProviderConfig')
  serviceProviderConfig() {
    return {
      schemas: [SERVICE_PROVIDER_CONFIG_SCHEMA],
      documentationUri: `${this.config.publicUrl}/settings/provisioning`,
      patch: { supported: true },
      bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
      filter: { supported: true, maxResults: SCIM_MAX_PAGE },
      changePassword: { supported: false },
      sort: { supported: false },
      etag: { supported: false },
      authenticationSchemes: [
        {
          type: 'oauthbearertoken',
          name: 'Bearer token',
          description: 'A SCIM token from Settings → Provisioning, as Authorization: Bearer heimo_…',
          primary: true,
        },
      ],
      meta: { resourceType: 'ServiceProviderConfig', location: `${this.baseUrl()}/ServiceProviderConfig` },
    };
  }

  @Get('ResourceTypes')
  resourceTypes() {
    const items = this.resourceTypeList();
    return {
      schemas: [LIST_SCHEMA],
      totalResults: items.length,
      startIndex: 1,
      itemsPerPage: items.length,
      Resources: items,
    };
  }

  @Get('ResourceTypes/:name')
  resourceType(@Param('name') name: string) {
    const found = this.resourceTypeList().find((item) => item.id === name);
    if (!found) throw new ScimError(404, undefined, `No resource type ${name}.`);
    return found;
  }

  @Get('Schemas')
  schemas() {
    const items = this.schemaList();
    return {
      schemas: [LIST_SCHEMA],
      totalResults: items.length,
      startIndex: 1,
      itemsPerPage: items.length,
      Resources: items,
    };
  }

  @Get('Schemas/:id')
  schema(@Param('id') id: string) {
    const found = this.schemaList().find((item) => item.id === id);
    if (!found) throw new ScimError(404, undefined, `No schema ${id}.`);
    return found;
  }

  @Get('Users')
  listUsers(@CurrentCaller() caller: Caller, @Query() query: Record<string, unknown>) {
    return this.users.list(caller.organisationId, readListQuery(query));
  }

  @Post('Users')
  async createUser(
    @CurrentCaller() caller: Caller,
    @Body() body: unknown,
    @Res({ passthrough: true }) response: Response,
  ) {
    const user = await this.users.create(caller, body);
    response.status(201).location(user.meta.location);
    return user;
  }

  @Get('Users/:id')
  getUser(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.users.get(caller.organisationId, id);
  }

  @Put('Users/:id')
  replaceUser(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: unknown) {
    return this.users.replace(caller, id, body);
  }

  @Patch('Users/:id')
  patchUser(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: unknown) {
    return this.users.patch(caller, id, body);
  }

  @Delete('Users/:id')
  @HttpCode(204)
  async deleteUser(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<void> {
    await this.users.delete(caller, id);
  }

  @Get('Groups')
  listGroups(@CurrentCaller() caller: Caller, @Query() query: Record<string, unknown>) {
    return this.groups.list(caller.organisationId, readListQuery(query));
  }

  @Post('Groups')
  async createGroup(
    @CurrentCaller() caller: Caller,
    @Body() body: unknown,
    @Res({ passthrough: true }) response: Response,
  ) {
    const group = await this.groups.create(caller, body);
    response.status(201).location(group.meta.location);
    return group;
  }

  @Get('Groups/:id')
  getGroup(@CurrentCaller() caller: Caller, @Param('id') id: string, @Req() request: Request) {
    const excluded =
      typeof request.query.excludedAttributes === 'string' ? request.query.excludedAttributes : '';
    return this.groups.get(
      caller.organisationId,
      id,
      excluded.split(',').map((name) => name.trim().toLowerCase()),
    );
  }

  @Put('Groups/:id')
  replaceGroup(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: unknown) {
    return this.groups.replace(caller, id, body);
  }

  @Patch('Groups/:id')
  @HttpCode(200)
  patchGroup(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: unknown) {
    return this.groups.patch(caller, id, body);
  }

  @Delete('Groups/:id')
  @HttpCode(204)
  async deleteGroup(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<void> {
    await this.groups.delete(caller, id);
  }

  /** /scim/v2 itself and any other path under it (Bulk, Me, …): 404 in SCIM's shape, not problem+json. */
  @All(['', '*path'])
  unknown(@Req() request: Request): never {
    throw new ScimError(
      404,
      undefined,
      `${request.method} ${request.path} is not a SCIM endpoint Heimo serves.`,
    );
  }

  private resourceTypeList() {
    return [
      {
        schemas: [RESOURCE_TYPE_SCHEMA],
        id: 'User',
        name: 'User',
        endpoint: '/Users',
        description: 'A member of the organisation',
        schema: USER_SCHEMA,
        schemaExtensions: [{ schema: ENTERPRISE_SCHEMA, required: false }],
        meta: { resourceType: 'ResourceType', location: `${this.baseUrl()}/ResourceTypes/User` },
      },
      {
        schemas: [RESOURCE_TYPE_SCHEMA],
        id: 'Group',
        name: 'Group',
        endpoint: '/Groups',
        description: 'A group of users; linked to a team by an admin, it sets its members’ team',
        schema: GROUP_SCHEMA,
        schemaExtensions: [],
        meta: { resourceType: 'ResourceType', location: `${this.baseUrl()}/ResourceTypes/Group` },
      },
    ];
  }

  private schemaList() {
    return [
      schemaResource(USER_SCHEMA, 'User', USER_ATTRIBUTES, this.baseUrl()),
      schemaResource(ENTERPRISE_SCHEMA, 'EnterpriseUser', ENTERPRISE_ATTRIBUTES, this.baseUrl()),
      schemaResource(GROUP_SCHEMA, 'Group', GROUP_ATTRIBUTES, this.baseUrl()),
    ];
  }
}
