import {
  type AccountCredentials,
  type ConnectedNetworkAdapter,
  ConnectedNetworkError,
  type WithCredentials,
} from '@heimo/domain';
import { Injectable, Logger } from '@nestjs/common';
import { SecretBox } from '../../infra/security/secret-box';
import { ConnectedNetworkAdapters } from './adapter-registry';
import { ConnectionsRepository } from './connections.repository';
import type { ConnectedAccount } from './entities/connected-account.entity';

export const credentialsContext = (accountId: string) => `connected-account:${accountId}`;

/** Why no call was made for a connection. */
export type NoCall = 'no_connection' | 'broken' | 'no_adapter';

/**
 * Calls a network for a stored connection: opens the sealed credentials, runs the adapter's method,
 * seals and stores the credentials it hands back (a refreshed token), and marks the connection broken
 * (credentials dropped) when the network answers `unauthorized`. Any ConnectedNetworkError is thrown
 * on for the caller to retry or not.
 */
@Injectable()
export class ConnectionCalls {
  private readonly logger = new Logger(ConnectionCalls.name);

  constructor(
    private readonly box: SecretBox,
    private readonly adapters: ConnectedNetworkAdapters,
    private readonly accounts: ConnectionsRepository,
  ) {}

  seal(accountId: string, credentials: AccountCredentials): string {
    return this.box.seal(JSON.stringify(credentials), credentialsContext(accountId));
  }

  async call<T>(
    account: ConnectedAccount | null,
    run: (adapter: ConnectedNetworkAdapter, credentials: AccountCredentials) => Promise<WithCredentials<T>>,
  ): Promise<{ ok: true; value: T } | { ok: false; reason: NoCall }> {
    if (!account) return { ok: false, reason: 'no_connection' };
    if (account.status !== 'active' || !account.credentialsSealed) return { ok: false, reason: 'broken' };
    const adapter = this.adapters.get(account.network);
    if (!adapter) return { ok: false, reason: 'no_adapter' };
    const credentials = JSON.parse(
      this.box.open(account.credentialsSealed, credentialsContext(account.id)),
    ) as AccountCredentials;
    try {
      const result = await run(adapter, credentials);
      if (result.credentials)
        await this.accounts.replaceCredentials(account.id, this.seal(account.id, result.credentials));
      return { ok: true, value: result.value };
    } catch (error) {
      if (error instanceof ConnectedNetworkError && error.kind === 'unauthorized') {
        this.logger.warn({ accountId: account.id, network: account.network }, 'connection broken');
        await this.accounts.markBroken(account.id, new Date());
      }
      throw error;
    }
  }
}
