import type { Readable } from 'node:stream';

/** Nest token of the media storage; the local disk by default, an object store later. */
export const MEDIA_STORAGE = Symbol('MEDIA_STORAGE');

/** A stored object, opened for reading. */
export interface StoredObject {
  readonly stream: Readable;
  readonly bytes: number;
}

/**
 * Where media bytes live, by key. Keys are chosen by Heimo (random, lowercase hex with `/`
 * separators) and never come from a user. An object is written once and never changed.
 */
export interface MediaStorage {
  /**
   * Stores the bytes (or what the stream yields) under the key, all or nothing: a reader never
   * sees a partial object.
   */
  put(key: string, data: Buffer | Readable): Promise<void>;
  /** Opens the object for reading; undefined when there is none under the key. */
  get(key: string): Promise<StoredObject | undefined>;
  /** Removes the object; removing a missing one is not an error. */
  delete(key: string): Promise<void>;
}

const KEY = /^[0-9a-f]{2}\/[0-9a-f]{32}$/;

/** Storage keys are generated, but checked again so no key can name a path outside the store. */
export function assertStorageKey(key: string): void {
  if (!KEY.test(key)) throw new Error(`invalid media storage key: ${JSON.stringify(key)}`);
}
