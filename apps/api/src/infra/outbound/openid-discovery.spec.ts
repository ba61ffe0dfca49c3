import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OutboundPolicy } from './guarded-fetch';
import { discoverOpenIdProvider } from './openid-discovery';
import { OutboundError } from './outbound.errors';

// openid-client 6 (and its jose and oauth4webapi) ship only ES modules: this suite also proves that
// Jest compiles them (jest.preset.cjs, transformIgnorePatterns) for API code built as CommonJS.
describe('discoverOpenIdProvider', () => {
  let server: Server;
  let port: number;
  let issuer: string;
  let seen: { url: string; headers: IncomingHttpHeaders }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push({ url: req.url ?? '', headers: req.headers });
      if (req.url === '/.well-known/openid-configuration') {
        // The issuer is the name the client asked for (the Host header).
        const issuer = `http://${req.headers.host}`;
        return res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            issuer,
            authorization_endpoint: `${issuer}/authorize`,
            token_endpoint: `${issuer}/token`,
            jwks_uri: `${issuer}/jwks`,
            response_types_supported: ['code'],
            subject_types_supported: ['public'],
            id_token_signing_alg_values_supported: ['RS256'],
          }),
        );
      }
      return res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    issuer = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    seen = [];
  });

  const policy = (allowedHosts: string[]): OutboundPolicy => ({
    maxBytes: 100_000,
    timeoutMs: 5_000,
    allowedHosts,
  });

  it('reads the discovery document through the outbound policy', async () => {
    // `idp.test` resolves only through the policy's resolver: the global fetch could not reach it.
    const named = `http://idp.test:${port}`;
    const configuration = await discoverOpenIdProvider(
      named,
      'heimo',
      'client-secret',
      policy([`idp.test:${port}`]),
      async () => [{ address: '127.0.0.1', family: 4 }],
    );
    expect(configuration.serverMetadata()).toMatchObject({ issuer: named, token_endpoint: `${named}/token` });
    expect(configuration.clientMetadata()).toMatchObject({ client_id: 'heimo' });
    expect(seen).toEqual([expect.objectContaining({ url: '/.well-known/openid-configuration' })]);
    expect(seen[0]?.headers.host).toBe(`idp.test:${port}`);
  });

  it('refuses a provider at a private address that is not on the allow-list', async () => {
    const refusal = await discoverOpenIdProvider(issuer, 'heimo', undefined, policy([])).catch(
      (error) => error,
    );
    expect(refusal).toBeInstanceOf(OutboundError);
    expect(refusal).toMatchObject({ failure: 'private_address' });
    expect(seen).toEqual([]);
  });

  it('refuses a name that resolves to a private address, before any request', async () => {
    const refusal = await discoverOpenIdProvider(
      'https://idp.example/',
      'heimo',
      undefined,
      policy([]),
      async () => [{ address: '169.254.169.254', family: 4 }],
    ).catch((error) => error);
    expect(refusal).toMatchObject({ failure: 'private_address' });
  });
});
