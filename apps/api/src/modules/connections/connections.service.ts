import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  type ConnectedNetworkAdapter,
  ConnectedNetworkError,
  type Network,
  type NetworkId,
  findNetwork,
  listNetworks,
  type RemoteAccount,
  type WithCredentials,
} from '@heimo/domain';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import { ValidationError } from '../../infra/http/app-error';
import type { Caller } from '../../infra/http/caller';
import { AuditService } from '../audit/audit.service';
import { ConnectedNetworkAdapters } from './adapter-registry';
import { ConnectionCalls } from './connection-calls';
import {
  ConnectionNotFoundError,
  ConnectionNotOfferedError,
  ConnectionRefusedError,
  InvalidCredentialsError,
  NetworkRateLimitedError,
  NetworkUnavailableError,
  OauthStateInvalidError,
  UnknownNetworkError,
} from './connections.errors';
import { ConnectionsRepository } from './connections.repository';
import type {
  AuthorizationDto,
  ConnectionDto,
  ConnectionListDto,
  ConnectWithPasswordDto,
} from './dto/connection.dto';
import type { ConnectedAccount } from './entities/connected-account.entity';
import { ConnectionOauthState } from './entities/connection-oauth-state.entity';

/** An OAuth authorisation must come back within this long. */
export const OAUTH_STATE_TTL_MS = 10 * 60_000;

const hashState = (state: string) => createHash('sha256').update(state).digest('base64url');

/** The member's connections: listing, connecting (app password or OAuth), disconnecting. */
@Injectable()
export class ConnectionsService {
  private readonly logger = new Logger(ConnectionsService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly adapters: ConnectedNetworkAdapters,
    private readonly accounts: ConnectionsRepository,
    private readonly calls: ConnectionCalls,
    private readonly audit: AuditService,
  ) {}

  /**
   * Every network whose API is open (with how to connect and the member's connection) and every
   * partner-only one (not offered, with the reason). Networks without any API are left out.
   */
  async list(caller: Caller): Promise<ConnectionListDto> {
    const mine = new Map(
      (await this.accounts.ofMember(caller.organisationId, caller.memberId)).map((a) => [a.network, a]),
    );
    const items: ConnectionListDto['items'] = [];
    for (const network of listNetworks()) {
      const { api } = network;
      if (api.kind === 'none') continue;
      const account = mine.get(network.id);
      const adapter = this.adapters.get(network.id);
      const offered = api.kind === 'open' && adapter !== undefined;
      items.push({
        network: network.id,
        offered,
        connect: offered && api.kind === 'open' ? api.connect : null,
        reason:
          api.kind === 'partner_only'
            ? api.reason
            : offered
              ? null
              : 'Heimo cannot connect accounts on this network yet.',
        connection: account ? toConnectionDto(account) : null,
      });
    }
    return { items };
  }

  async connectWithPassword(
    caller: Caller,
    networkId: string,
    body: ConnectWithPasswordDto,
  ): Promise<ConnectionDto> {
    const { network, adapter } = this.offered(networkId, 'app_password');
    const connectWithPassword = adapter.connectWithPassword?.bind(adapter);
    if (!connectWithPassword) throw new ConnectionNotOfferedError(network.id, 'No app password sign-in.');
    const connected = await this.remote(() =>
      connectWithPassword({
        identifier: body.identifier.trim(),
        password: body.appPassword,
        ...(body.server ? { server: body.server.trim() } : {}),
      }),
    );
    return this.store(caller, network.id, connected);
  }

  /** `instance_oauth`: the server's authorisation URL, with a state bound to this session. */
  async startAuthorization(caller: Caller, networkId: string, server: string): Promise<AuthorizationDto> {
    const { network, adapter } = this.offered(networkId, 'instance_oauth');
    const authorizationUrlOf = adapter.authorizationUrl?.bind(adapter);
    if (!authorizationUrlOf) throw new ConnectionNotOfferedError(network.id, 'No OAuth sign-in.');
    const state = randomBytes(32).toString('base64url');
    const authorizationUrl = await this.remote(async () => ({
      value: await authorizationUrlOf({
        server: server.trim(),
        state,
        redirectUri: this.redirectUri(network.id),
      }),
      credentials: null,
    }));
    await this.accounts.saveOauthState(
      Object.assign(new ConnectionOauthState(), {
        stateHash: hashState(state),
        sessionId: caller.sessionId,
        memberId: caller.memberId,
        network: network.id,
        server: server.trim(),
        expiresAt: new Date(Date.now() + OAUTH_STATE_TTL_MS),
      }),
    );
    return { authorizationUrl: authorizationUrl.value };
  }

  /** `instance_oauth`: the server sent the member back with a code; the state must be this session's. */
  async completeAuthorization(
    caller: Caller,
    networkId: string,
    state: string | null,
    code: string | null,
  ): Promise<ConnectionDto> {
    const { network, adapter } = this.offered(networkId, 'instance_oauth');
    const missing = [
      ...(code === null
        ? [{ field: 'code', code: 'validation.isDefined', message: 'code is required' }]
        : []),
      ...(state === null
        ? [{ field: 'state', code: 'validation.isDefined', message: 'state is required' }]
        : []),
    ];
    if (missing.length || code === null || state === null) throw new ValidationError(missing);
    const started = await this.accounts.takeOauthState(
      hashState(state),
      caller.sessionId,
      network.id,
      new Date(),
    );
    const complete = adapter.completeAuthorization?.bind(adapter);
    if (!started || started.memberId !== caller.memberId || !complete) throw new OauthStateInvalidError();
    const connected = await this.remote(() =>
      complete({
        server: started.server,
        code,
        redirectUri: this.redirectUri(network.id),
      }),
    );
    return this.store(caller, network.id, connected);
  }

  /** Deletes the connection and its credentials; the network is asked to revoke them, without waiting. */
  async disconnect(caller: Caller, networkId: string): Promise<void> {
    const network = this.known(networkId);
    const deleted = await this.accounts.transaction(async (manager) => {
      const row = await this.accounts.delete(manager, caller.memberId, network.id);
      if (!row) return null;
      await this.accounts.unverifyAudience(manager, caller.memberId, network.id);
      await this.record(manager, caller, 'connection.deleted', network.id);
      return row;
    });
    if (!deleted) throw new ConnectionNotFoundError();
    const adapter = this.adapters.get(network.id);
    if (deleted.credentialsSealed && adapter?.revoke) {
      const sealed = deleted.credentialsSealed;
      void this.calls
        .call(
          { ...deleted, status: 'active', credentialsSealed: sealed } as ConnectedAccount,
          async (a, c) => {
            await a.revoke?.(c);
            return { value: null, credentials: null };
          },
        )
        .catch((error: unknown) =>
          this.logger.warn({ network: network.id, error: String(error) }, 'revoking at the network failed'),
        );
    }
  }

  private record(
    manager: EntityManager,
    caller: Caller,
    action: 'connection.created' | 'connection.deleted',
    network: NetworkId,
  ): Promise<void> {
    return this.audit.record(
      {
        organisationId: caller.organisationId,
        actorId: caller.memberId,
        action,
        target: { type: 'member', id: caller.memberId },
        details: { network },
      },
      manager,
    );
  }

  private redirectUri(network: NetworkId): string {
    return `${this.config.publicUrl}/api/me/connections/${network}/callback`;
  }

  private known(networkId: string): Network {
    const network = findNetwork(networkId);
    if (!network) throw new UnknownNetworkError();
    return network;
  }

  private offered(
    networkId: string,
    method: 'app_password' | 'instance_oauth',
  ): { network: Network; adapter: ConnectedNetworkAdapter } {
    const network = this.known(networkId);
    const { api } = network;
    if (api.kind === 'partner_only') throw new ConnectionNotOfferedError(network.id, api.reason);
    if (api.kind === 'none')
      throw new ConnectionNotOfferedError(network.id, 'The network has no API Heimo uses.');
    if (api.connect !== method)
      throw new ConnectionNotOfferedError(
        network.id,
        `This network connects with ${api.connect}, not ${method}.`,
      );
    const adapter = this.adapters.get(network.id);
    if (!adapter) throw new ConnectionNotOfferedError(network.id, 'Heimo cannot connect accounts on it yet.');
    return { network, adapter };
  }

  /** A call made while the member waits: each failure as an answer they can act on. */
  private async remote<T>(run: () => Promise<WithCredentials<T>>): Promise<WithCredentials<T>> {
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof ConnectedNetworkError)) throw error;
      switch (error.kind) {
        case 'unauthorized':
          throw new InvalidCredentialsError();
        case 'rate_limited':
          throw new NetworkRateLimitedError(error.retryAfterMs);
        case 'unavailable':
          throw new NetworkUnavailableError();
        case 'not_found':
          throw new ConnectionRefusedError('identifier', 'The network has no such account.');
        case 'rejected':
          throw new ConnectionRefusedError('server', error.message);
      }
    }
  }

  private async store(
    caller: Caller,
    network: NetworkId,
    connected: WithCredentials<RemoteAccount>,
  ): Promise<ConnectionDto> {
    const account = connected.value;
    const at = new Date();
    const saved = await this.accounts.transaction(async (manager) => {
      const earlier = await this.accounts.lock(manager, caller.memberId, network);
      const id = earlier?.id ?? randomUUID();
      const row = await this.accounts.upsert(manager, {
        id,
        organisationId: caller.organisationId,
        memberId: caller.memberId,
        network,
        externalId: account.externalId,
        handle: account.handle,
        profileUrl: account.profileUrl,
        followers: account.followers,
        credentialsSealed: this.calls.seal(id, connected.credentials ?? {}),
        at,
      });
      await this.accounts.setFollowers(manager, row, account.followers, at);
      // The network only: the handle and the follower count stay out of the log.
      await this.record(manager, caller, 'connection.created', network);
      return row;
    });
    return toConnectionDto(saved);
  }
}

export function toConnectionDto(account: ConnectedAccount): ConnectionDto {
  return {
    network: account.network,
    handle: account.handle,
    profileUrl: account.profileUrl,
    followers: account.followers,
    followersCheckedAt: account.followersCheckedAt.toISOString(),
    status: account.status,
    connectedAt: account.createdAt.toISOString(),
  };
}
