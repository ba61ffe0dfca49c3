import { execFileSync } from 'node:child_process';
import {
  createDecipheriv,
  createECDH,
  createHmac,
  createPublicKey,
  randomBytes,
  verify,
  type ECDH,
} from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A browser's side of a subscription: its P-256 key pair and auth secret. */
export class TestBrowserKeys {
  readonly ecdh: ECDH = createECDH('prime256v1');
  readonly auth = randomBytes(16);

  constructor() {
    this.ecdh.generateKeys();
  }

  get p256dh(): string {
    return this.ecdh.getPublicKey().toString('base64url');
  }

  /** RFC 8291 with RFC 8188's aes128gcm framing: one record, as web-push writes it. */
  decrypt(body: Buffer): string {
    const salt = body.subarray(0, 16);
    const idLength = body.readUInt8(20);
    const serverPublic = body.subarray(21, 21 + idLength);
    const ciphertext = body.subarray(21 + idLength);
    const hmac = (key: Buffer, ...data: Buffer[]) => {
      const mac = createHmac('sha256', key);
      for (const part of data) mac.update(part);
      return mac.digest();
    };
    const shared = this.ecdh.computeSecret(serverPublic);
    const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), this.ecdh.getPublicKey(), serverPublic]);
    // HKDF-SHA256 (extract, then one block of expand) each time: auth secret, then the salt.
    const ikm = hmac(hmac(this.auth, shared), keyInfo, Buffer.from([1]));
    const prk = hmac(salt, ikm);
    const cek = hmac(prk, Buffer.from('Content-Encoding: aes128gcm\0'), Buffer.from([1])).subarray(0, 16);
    const nonce = hmac(prk, Buffer.from('Content-Encoding: nonce\0'), Buffer.from([1])).subarray(0, 12);
    const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
    decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
    const padded = Buffer.concat([
      decipher.update(ciphertext.subarray(0, ciphertext.length - 16)),
      decipher.final(),
    ]);
    // The last record ends with the delimiter 0x02, then zero padding.
    let end = padded.length - 1;
    while (end >= 0 && padded[end] === 0) end--;
    if (padded[end] !== 2) throw new Error('no last-record delimiter');
    return padded.subarray(0, end).toString('utf8');
  }
}

export interface VerifiedVapid {
  readonly publicKey: string;
  readonly claims: { aud: string; exp: number; sub: string };
}

/** Checks `Authorization: vapid t=<JWT>, k=<key>` (RFC 8292): an ES256 signature by `k`. Throws otherwise. */
export function verifyVapid(headers: IncomingHttpHeaders): VerifiedVapid {
  const match = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(String(headers.authorization ?? ''));
  if (!match) throw new Error(`no VAPID authorization: ${headers.authorization}`);
  const [, jwt, k] = match as unknown as [string, string, string];
  const [header, payload, signature] = jwt.split('.') as [string, string, string];
  if (JSON.parse(Buffer.from(header, 'base64url').toString()).alg !== 'ES256') throw new Error('not ES256');
  const point = Buffer.from(k, 'base64url');
  const key = createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: point.subarray(1, 33).toString('base64url'),
      y: point.subarray(33, 65).toString('base64url'),
    },
    format: 'jwk',
  });
  const ok = verify(
    'sha256',
    Buffer.from(`${header}.${payload}`),
    { key, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  );
  if (!ok) throw new Error('VAPID signature does not verify');
  return { publicKey: k, claims: JSON.parse(Buffer.from(payload, 'base64url').toString()) };
}

export interface PushReceived {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  readonly at: number;
}

/**
 * A push service on loopback over HTTPS, with a certificate made for 127.0.0.1 by openssl in a
 * temporary folder (`caFile` is what the API is told to trust). `/gone/…` answers 410, `/flaky/…`
 * 503 twice and then 201, anything else 201; it records every request for the test to verify and decrypt.
 */
export class TestPushService {
  readonly received: PushReceived[] = [];
  private server!: Server;
  private dir!: string;
  port = 0;

  get caFile(): string {
    return join(this.dir, 'cert.pem');
  }

  async start(): Promise<void> {
    this.dir = mkdtempSync(join(tmpdir(), 'heimo-push-'));
    const keyFile = join(this.dir, 'key.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        keyFile,
        '-out',
        this.caFile,
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    this.server = createServer(
      { key: readFileSync(keyFile), cert: readFileSync(this.caFile) },
      (req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => {
          const path = req.url ?? '/';
          this.received.push({ path, headers: req.headers, body: Buffer.concat(chunks), at: Date.now() });
          const seen = this.at(path).length;
          if (path.startsWith('/gone/')) return void res.writeHead(410).end();
          if (path.startsWith('/flaky/') && seen <= 2) return void res.writeHead(503).end();
          res.writeHead(201).end();
        });
      },
    );
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    rmSync(this.dir, { recursive: true, force: true });
  }

  endpoint(path: string): string {
    return `https://127.0.0.1:${this.port}${path}`;
  }

  at(path: string): PushReceived[] {
    return this.received.filter((r) => r.path === path);
  }
}
