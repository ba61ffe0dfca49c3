import { createHmac, hash } from 'node:crypto';

const DAY_MS = 24 * 60 * 60 * 1000;
/** SHA-256's block size: an HMAC key of exactly this length is used as it is (RFC 2104). */
const BLOCK = 64;
const DIGEST = 32;
/** Network hashes remembered at most (a flood of distinct networks just empties the memo). */
const NETWORK_MEMO = 10_000;

/**
 * The first UTC day (days since 1970-01-01) whose visitors are hashed in one pass, a secret prefix
 * before the message; days before it keep the two-pass HMAC. The change falls on a UTC midnight,
 * where the key changes anyway, so no day mixes the two: a replica still running the previous build
 * after that midnight hashes differently from the others (see the README's "Counting that costs
 * less").
 */
export const PREFIXED_FROM_DAY = Math.floor(Date.UTC(2026, 11, 9) / DAY_MS);

/**
 * The anonymous visitor of a click: a keyed SHA-256 of the client address and user agent under a
 * key of the current UTC day, cut to 16 bytes (32 hex characters). The raw address is never stored
 * or queued.
 *
 * The key is derived from the server secret (AUTH_SECRET) and the UTC day number. Only today's key
 * is held, in memory; at midnight UTC it is replaced and the old one is gone, so a stored hash
 * cannot be matched to an address from the database, a backup or an export (none of them holds a
 * key). Who holds the server secret could derive an old key again; that is the price of every
 * replica agreeing on the key without a shared store. A visitor seen on both sides of midnight UTC
 * gets two hashes, so a click just after midnight may count as unique once more.
 *
 * From {@link PREFIXED_FROM_DAY} on, the hash is one SHA-256 of the 64-byte day key followed by the
 * message (a secret prefix), not HMAC's two: the hashes are only ever compared for equality (the
 * same visitor on the same day), and what keeps them private is that nobody without the key can
 * compute the hash of a guessed address. A secret-prefixed SHA-256 gives that as HMAC does:
 * finding the key, or a hash for a message of one's choice without it, is as hard as for HMAC.
 * Length extension (making H(k‖m‖pad‖x) from a stored H(k‖m)) is what HMAC's second pass guards
 * against, and it gives nothing here: it yields hashes of messages ending in SHA-256 padding and
 * chosen bytes, which no visitor's address and user agent produce, says nothing of the address
 * behind the stored hash, and the stored hashes are cut to 16 of the 32 bytes anyway (a truncated
 * digest cannot be extended). One pass costs about half (one hash call of one block fewer than
 * HMAC's inner one, and no outer call).
 *
 * The day key is 64 bytes of 6 random bits each (384 bits), so it is ASCII and is prefixed to the
 * message as a string; the prefix key is derived under a label of its own, so it never equals the
 * HMAC key of the same day. Before {@link PREFIXED_FROM_DAY}, the HMAC is computed with two
 * one-shot SHA-256 calls over precomputed pads (RFC 2104) rather than `createHmac`, whose stream
 * object costs several microseconds on the redirect's hot path: the inner digest comes back as a
 * latin1 (`binary`) string (one character per byte) and is written into the outer buffer. Tests
 * check both against `createHash`/`createHmac`.
 */
export class VisitorHasher {
  private readonly rootKey: Buffer;
  private day = -1;
  /** Today's network hashes by prefix (cleared with the day key). */
  private readonly networks = new Map<string, string>();
  private innerPad = '';
  /** Today's key as a string, when today's visitors are hashed in one pass. */
  private prefix: string | null = null;
  /** Outer pad followed by room for the inner digest: hashed in place, no allocation per click. */
  private readonly outer = Buffer.alloc(BLOCK + DIGEST);

  constructor(serverSecret: string) {
    // A key of its own, so the visitor salts never equal anything else derived from the secret.
    this.rootKey = createHmac('sha256', serverSecret).update('heimo:visitor-salt:v1').digest();
  }

  /**
   * Today's 64-byte key: the HMAC key before {@link PREFIXED_FROM_DAY}, the prefix from then on
   * (exposed for the tests that compare with `createHmac` and `createHash`).
   */
  dayKey(nowMs: number = Date.now()): Buffer {
    const day = Math.floor(nowMs / DAY_MS);
    const label = day >= PREFIXED_FROM_DAY ? 'prefix' : 'day';
    const key = Buffer.concat([
      createHmac('sha256', this.rootKey).update(`${label}:${day}:0`).digest(),
      createHmac('sha256', this.rootKey).update(`${label}:${day}:1`).digest(),
    ]);
    for (let i = 0; i < BLOCK; i++) key[i] = (key[i] as number) & 0x3f;
    return key;
  }

  /** 32 hex characters. */
  hash(address: string, userAgent: string, nowMs: number = Date.now()): string {
    const day = Math.floor(nowMs / DAY_MS);
    if (day !== this.day) this.rotate(day, nowMs);
    if (this.prefix !== null)
      return hash('sha256', `${this.prefix}${address}\n${userAgent}`, 'hex').slice(0, 32);
    // 'binary' is latin1: one character per digest byte.
    const inner = hash('sha256', `${this.innerPad}${address}\n${userAgent}`, 'binary');
    this.outer.write(inner, BLOCK, DIGEST, 'binary');
    return hash('sha256', this.outer, 'hex').slice(0, 32);
  }

  /**
   * 16 hex characters: the keyed hash of a network prefix (`addressGroups(…).network`) under the same
   * day key, in its own domain (`net:` before it, no user agent after), so it never equals a visitor
   * hash. Networks repeat from click to click, so today's are remembered (at most NETWORK_MEMO).
   */
  network(prefix: string, nowMs: number = Date.now()): string {
    const day = Math.floor(nowMs / DAY_MS);
    if (day !== this.day) this.rotate(day, nowMs);
    let hashed = this.networks.get(prefix);
    if (hashed === undefined) {
      hashed = this.hash(`net:${prefix}`, '', nowMs).slice(0, 16);
      if (this.networks.size >= NETWORK_MEMO) this.networks.clear();
      this.networks.set(prefix, hashed);
    }
    return hashed;
  }

  private rotate(day: number, nowMs: number): void {
    this.networks.clear();
    const key = this.dayKey(nowMs);
    if (day >= PREFIXED_FROM_DAY) {
      this.prefix = key.toString('latin1');
      key.fill(0);
      this.innerPad = '';
      this.outer.fill(0, 0, BLOCK);
      this.day = day;
      return;
    }
    this.prefix = null;
    let innerPad = '';
    for (let i = 0; i < BLOCK; i++) {
      innerPad += String.fromCharCode((key[i] as number) ^ 0x36);
      this.outer[i] = (key[i] as number) ^ 0x5c;
    }
    key.fill(0);
    this.innerPad = innerPad;
    this.day = day;
  }
}
