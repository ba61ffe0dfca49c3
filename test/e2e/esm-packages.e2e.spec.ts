import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '../..');
const discoveryJs = join(root, 'dist/api/apps/api/src/infra/outbound/openid-discovery.js');

// The API is built to CommonJS; ESM-only packages (openid-client 6 and its jose and oauth4webapi)
// load through Node's require(esm), on by default from Node 20.19 (package.json engines). Jest runs
// them compiled instead (jest.preset.cjs), so only plain node on the build proves this.
describe('ESM-only packages in the built API', () => {
  it('load under plain node and do their work', () => {
    expect(existsSync(discoveryJs)).toBe(true);
    const script = `
      const http = require('node:http');
      const { discoverOpenIdProvider } = require(${JSON.stringify(discoveryJs)});
      const server = http.createServer((req, res) => {
        const issuer = 'http://' + req.headers.host;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ issuer, token_endpoint: issuer + '/token', jwks_uri: issuer + '/jwks' }));
      });
      server.listen(0, '127.0.0.1', async () => {
        const host = '127.0.0.1:' + server.address().port;
        const policy = { maxBytes: 100000, timeoutMs: 5000, allowedHosts: [host] };
        const configuration = await discoverOpenIdProvider('http://' + host, 'heimo', undefined, policy);
        process.stdout.write(JSON.stringify({ esm: process.features.require_module, metadata: configuration.serverMetadata() }));
        server.close();
      });
    `;
    const run = spawnSync(process.execPath, ['-e', script], {
      env: { PATH: process.env.PATH },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.stderr).not.toMatch(/ERR_REQUIRE_ESM|Error/);
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout) as {
      esm: boolean;
      metadata: { issuer: string; token_endpoint: string };
    };
    expect(out.esm).toBe(true);
    expect(out.metadata.token_endpoint).toBe(`${out.metadata.issuer}/token`);
    expect(out.metadata.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });
});
