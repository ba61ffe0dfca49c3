import * as catalog from './catalog';
import type { NetworkDefinition } from './network';

/** Every network Heimo knows, in the order the product lists them. Adding a network is one entry here. */
const NETWORK_LIST = [
  catalog.linkedin,
  catalog.x,
  catalog.facebook,
  catalog.bluesky,
  catalog.mastodon,
  catalog.threads,
  catalog.pinterest,
  catalog.instagram,
  catalog.tumblr,
  catalog.reddit,
  catalog.xing,
  catalog.whatsapp,
  catalog.email,
] as const;

export type NetworkId = (typeof NETWORK_LIST)[number]['id'];

export type Network = NetworkDefinition<NetworkId>;

export const NETWORK_IDS: readonly NetworkId[] = Object.freeze(NETWORK_LIST.map((network) => network.id));

const BY_ID: ReadonlyMap<string, Network> = new Map(NETWORK_LIST.map((network) => [network.id, network]));

export function isNetworkId(value: unknown): value is NetworkId {
  return typeof value === 'string' && BY_ID.has(value);
}

/** The network with this id; throws a RangeError for an id that is not in the registry. */
export function getNetwork(id: NetworkId): Network {
  const network = BY_ID.get(id);
  if (!network) throw new RangeError(`Unknown network id: ${String(id)}`);
  return network;
}

/** The network with this id, or undefined; for ids that come from outside (requests, stored rows). */
export function findNetwork(id: string): Network | undefined {
  return BY_ID.get(id);
}

export function listNetworks(): readonly Network[] {
  return NETWORK_LIST;
}

/**
 * Every network's default earned-media CPM in euro cents (`defaultCpmMinor`, industry-typical
 * estimates), for `earnedMediaValue` until an organisation enters its own rates.
 */
export function defaultCpmTable(): Readonly<Record<NetworkId, number>> {
  const table = {} as Record<NetworkId, number>;
  for (const network of NETWORK_LIST) table[network.id] = network.defaultCpmMinor;
  return Object.freeze(table);
}
