import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import request from 'supertest';
import { freePort } from './free-port';

export interface TestClient {
  readonly client_id: string;
  readonly client_secret: string;
  readonly redirect_uris: readonly string[];
  readonly post_logout_redirect_uris?: readonly string[];
}

/** `resign` changes nothing but the signature (made again with the provider's key): the control case. */
export type ForgeMode = 'nonce' | 'expired' | 'issuer' | 'audience' | 'signature' | 'resign';

export interface TestOpenIdProvider {
  readonly issuer: string;
  /** Who signs in at the next login prompt, with the claims the provider will give. */
  nextLogin(sub: string, claims: Record<string, unknown>): Promise<void>;
  /** The next token answer's ID token is forged this way (re-signed with the provider's key). */
  forgeNext(mode: ForgeMode): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real OpenID Provider (the `oidc-provider` package) in a child process on a loopback port: see
 * oidc-provider-process.mjs. The package is ES modules only, which Jest on Node 20 cannot load in-process.
 */
export async function startTestOpenIdProvider(clients: readonly TestClient[]): Promise<TestOpenIdProvider> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [join(__dirname, 'oidc-provider-process.mjs')], {
    env: { PATH: process.env.PATH, HEIMO_OIDC_INPUT: JSON.stringify({ port, clients }) },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const issuer = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = /^ready (\S+)/m.exec(out);
      if (line) resolve(line[1]!);
    });
    child.on('exit', (code) => reject(new Error(`test OpenID provider exited (${code}): ${stderr}`)));
    setTimeout(() => reject(new Error(`test OpenID provider did not start: ${stderr}`)), 15_000).unref();
  });
  const control = async (path: string, body: unknown) => {
    const response = await request(issuer)
      .post(path)
      .send(body as object);
    if (response.status !== 204) throw new Error(`${path}: ${response.status} ${response.text}`);
  };
  return {
    issuer,
    nextLogin: (sub, claims) => control('/__test/next-login', { sub, claims }),
    forgeNext: (mode) => control('/__test/forge', { mode }),
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.stdin?.end();
        child.kill();
      }),
  };
}
