import type { ConnectedNetworkAdapter, NetworkId } from '@heimo/domain';
import { Inject, Injectable } from '@nestjs/common';

/**
 * The injection token of every network's adapter, as a list: `ConnectionsModule` provides it from
 * the adapters it knows (add one there). Generic code finds an adapter through
 * {@link ConnectedNetworkAdapters} by network id and never branches on the id.
 */
export const CONNECTED_NETWORK_ADAPTERS = Symbol('CONNECTED_NETWORK_ADAPTERS');

@Injectable()
export class ConnectedNetworkAdapters {
  private readonly byNetwork: ReadonlyMap<NetworkId, ConnectedNetworkAdapter>;

  constructor(@Inject(CONNECTED_NETWORK_ADAPTERS) adapters: readonly ConnectedNetworkAdapter[]) {
    const byNetwork = new Map<NetworkId, ConnectedNetworkAdapter>();
    for (const adapter of adapters) {
      if (byNetwork.has(adapter.network)) throw new Error(`two adapters for ${adapter.network}`);
      byNetwork.set(adapter.network, adapter);
    }
    this.byNetwork = byNetwork;
  }

  /** The network's adapter, or undefined when Heimo has none. */
  get(network: NetworkId): ConnectedNetworkAdapter | undefined {
    return this.byNetwork.get(network);
  }

  networks(): readonly NetworkId[] {
    return [...this.byNetwork.keys()];
  }
}
