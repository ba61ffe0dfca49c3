// A real OpenID Provider (oidc-provider) for the tests, run as its own process on loopback.
// Input (env HEIMO_OIDC_INPUT): { port, clients: [{ client_id, client_secret, redirect_uris }] }.
// It prints one line, `ready <issuer>`, once it listens. The test steers it over HTTP:
//   POST /__test/next-login { sub, claims }  who signs in at the next login prompt (no form).
//   POST /__test/forge { mode }              the next token answer carries an ID token re-signed
//                                            with this provider's key but wrong in one way: nonce,
//                                            expired, issuer, audience; or signed by another key;
//                                            `resign`: unchanged, only re-signed (the control case).
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import Provider from 'oidc-provider';
import { exportJWK, generateKeyPair, SignJWT, decodeJwt } from 'jose';

const input = JSON.parse(process.env.HEIMO_OIDC_INPUT);
const issuer = `http://127.0.0.1:${input.port}`;
const kid = randomUUID();
const { privateKey } = await generateKeyPair('RS256', { extractable: true });
const signingJwk = { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' };
const { privateKey: strangerKey } = await generateKeyPair('RS256', { extractable: true });

const accounts = new Map();
let nextLogin = null;
let forge = null;

const provider = new Provider(issuer, {
  clients: input.clients.map((client) => ({
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
    post_logout_redirect_uris: [],
    ...client,
  })),
  jwks: { keys: [signingJwk] },
  cookies: { keys: ['heimo-test-provider-cookie-key'] },
  findAccount: (_ctx, sub) =>
    accounts.has(sub) ? { accountId: sub, claims: () => ({ sub, ...accounts.get(sub) }) } : undefined,
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'locale', 'department'],
  },
  // Every claim in the ID token too, as Google and Entra ID put theirs.
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: { enabled: true },
    userinfo: { enabled: true },
  },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
});
provider.proxy = false;

provider.use(async (ctx, next) => {
  await next();
  if (ctx.path === '/token' && forge && ctx.body && typeof ctx.body === 'object' && ctx.body.id_token) {
    const mode = forge;
    forge = null;
    const payload = decodeJwt(ctx.body.id_token);
    const now = Math.floor(Date.now() / 1000);
    if (mode === 'nonce') payload.nonce = 'not-the-nonce-heimo-sent';
    if (mode === 'expired') Object.assign(payload, { iat: now - 7200, exp: now - 3600 });
    if (mode === 'issuer') payload.iss = 'https://impostor.example.com';
    if (mode === 'audience') payload.aud = 'another-client';
    const key = mode === 'signature' ? strangerKey : privateKey;
    const idToken = await new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid }).sign(key);
    ctx.body = { ...ctx.body, id_token: idToken };
  }
});

const readJson = (req) =>
  new Promise((resolve, reject) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      try {
        resolve(body ? JSON.parse(body) : {});
      } catch (error) {
        reject(error);
      }
    });
  });

const callback = provider.callback();
const server = createServer(async (req, res) => {
  try {
    if (req.url === '/__test/next-login' && req.method === 'POST') {
      nextLogin = await readJson(req);
      res.writeHead(204).end();
      return;
    }
    if (req.url === '/__test/forge' && req.method === 'POST') {
      forge = (await readJson(req)).mode ?? null;
      res.writeHead(204).end();
      return;
    }
    if (req.url?.startsWith('/interaction/')) {
      const details = await provider.interactionDetails(req, res);
      if (details.prompt.name === 'login') {
        if (!nextLogin) {
          res.writeHead(400).end('no login set');
          return;
        }
        accounts.set(nextLogin.sub, nextLogin.claims ?? {});
        const { sub } = nextLogin;
        nextLogin = null;
        await provider.interactionFinished(
          req,
          res,
          { login: { accountId: sub } },
          { mergeWithLastSubmission: false },
        );
        return;
      }
      const grant = details.grantId
        ? await provider.Grant.find(details.grantId)
        : new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
      grant.addOIDCScope(String(details.params.scope));
      const grantId = await grant.save();
      await provider.interactionFinished(
        req,
        res,
        { consent: { grantId } },
        { mergeWithLastSubmission: true },
      );
      return;
    }
    callback(req, res);
  } catch (error) {
    res.writeHead(500).end(String(error?.stack ?? error));
  }
});
server.listen(input.port, '127.0.0.1', () => process.stdout.write(`ready ${issuer}\n`));
// The test that started this process is gone: so is this process.
process.stdin.on('end', () => process.exit(0)).resume();
