import { createApiClient, unwrap } from './client';
import { ApiProblem } from './problem';

const me = {
  id: '00000000-0000-4000-8000-000000000001',
  email: 'aino@example.test',
  name: 'Aino',
  roles: ['advocate'],
  kind: 'employee',
  locale: 'fi',
  organisation: { id: '00000000-0000-4000-8000-000000000002', name: 'Org', slug: 'org' },
};

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
const problem = (status: number, code: string, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ type: 'about:blank', title: 'Problem', status, code, requestId: 'req-1' }), {
    status,
    headers: { 'Content-Type': 'application/problem+json', ...headers },
  });

/** A fake network answering each route from a queue, recording what was asked. */
function fakeNetwork(answers: Record<string, Array<() => Response>>) {
  const calls: string[] = [];
  const send = async (request: Request): Promise<Response> => {
    const route = `${request.method} ${new URL(request.url).pathname}`;
    calls.push(route);
    const next = answers[route]?.shift();
    if (!next) throw new Error(`unexpected ${route}`);
    return next();
  };
  return { calls, client: createApiClient({ baseUrl: 'http://heimo.test', fetch: send }) };
}

describe('the API client', () => {
  it('refreshes the session once on a 401 and repeats the request', async () => {
    const { calls, client } = fakeNetwork({
      'GET /api/me': [() => problem(401, 'auth.unauthenticated'), () => json(200, me)],
      'POST /api/auth/refresh': [() => json(200, { member: me })],
    });

    await expect(unwrap(client.GET('/api/me'))).resolves.toEqual(me);
    expect(calls).toEqual(['GET /api/me', 'POST /api/auth/refresh', 'GET /api/me']);
  });

  it('gives up with the original 401 when the refresh is refused', async () => {
    const { calls, client } = fakeNetwork({
      'GET /api/me': [() => problem(401, 'auth.unauthenticated')],
      'POST /api/auth/refresh': [() => problem(401, 'auth.unauthenticated')],
    });

    await expect(unwrap(client.GET('/api/me'))).rejects.toMatchObject({
      status: 401,
      code: 'auth.unauthenticated',
    });
    expect(calls).toEqual(['GET /api/me', 'POST /api/auth/refresh']);
  });

  it('asks to sign in again when the refresh is refused, then sends the same request again', async () => {
    const bodies: string[] = [];
    const answers = [problem(401, 'auth.unauthenticated'), json(201, { id: 'pack-1' })];
    const asked: string[] = [];
    const client = createApiClient({
      baseUrl: 'http://heimo.test',
      fetch: async (request) => {
        asked.push(`${request.method} ${new URL(request.url).pathname}`);
        if (request.url.endsWith('/api/auth/refresh')) return problem(401, 'auth.session_expired');
        bodies.push(await request.text());
        return answers.shift() ?? problem(500, 'unexpected');
      },
      whenSessionLost: () => {
        asked.push('sign in again');
        return Promise.resolve(true);
      },
    });

    const created = await unwrap(client.POST('/api/packs', { body: { title: 'Spring' } as never }));
    expect(created).toEqual({ id: 'pack-1' });
    expect(asked).toEqual(['POST /api/packs', 'POST /api/auth/refresh', 'sign in again', 'POST /api/packs']);
    expect(bodies).toEqual([JSON.stringify({ title: 'Spring' }), JSON.stringify({ title: 'Spring' })]);
  });

  it('lets the 401 through when the person does not sign in again', async () => {
    const client = createApiClient({
      baseUrl: 'http://heimo.test',
      fetch: (request) =>
        Promise.resolve(
          problem(401, request.url.endsWith('/refresh') ? 'auth.session_expired' : 'auth.unauthenticated'),
        ),
      whenSessionLost: () => Promise.resolve(false),
    });

    await expect(unwrap(client.GET('/api/me'))).rejects.toMatchObject({ status: 401 });
  });

  it('shares one refresh between requests that fail together', async () => {
    const { calls, client } = fakeNetwork({
      'GET /api/me': [
        () => problem(401, 'auth.unauthenticated'),
        () => problem(401, 'auth.unauthenticated'),
        () => json(200, me),
        () => json(200, me),
      ],
      'POST /api/auth/refresh': [() => json(200, { member: me })],
    });

    await Promise.all([unwrap(client.GET('/api/me')), unwrap(client.GET('/api/me'))]);
    expect(calls.filter((call) => call === 'POST /api/auth/refresh')).toHaveLength(1);
  });

  it('never refreshes for wrong credentials and sends the body exactly once', async () => {
    const { calls, client } = fakeNetwork({
      'POST /api/auth/login': [() => problem(401, 'auth.invalid_credentials')],
    });

    const failure = await unwrap(
      client.POST('/api/auth/login', { body: { email: 'a@b.c', password: 'x' } }),
    ).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiProblem);
    expect(failure).toMatchObject({ status: 401, code: 'auth.invalid_credentials', requestId: 'req-1' });
    expect(calls).toEqual(['POST /api/auth/login']);
  });

  it('reads Retry-After on 429 and field errors on 400', async () => {
    const { client } = fakeNetwork({
      'POST /api/auth/login': [
        () => problem(429, 'rate_limited', { 'Retry-After': '30' }),
        () =>
          json(400, {
            type: 'about:blank',
            title: 'Bad Request',
            status: 400,
            code: 'validation.failed',
            errors: [{ field: 'email', code: 'validation.email', message: 'email must be an email' }],
          }),
      ],
    });
    const body = { email: 'a@b.c', password: 'x' };

    await expect(unwrap(client.POST('/api/auth/login', { body }))).rejects.toMatchObject({
      code: 'rate_limited',
      retryAfterSeconds: 30,
    });
    await expect(unwrap(client.POST('/api/auth/login', { body }))).rejects.toMatchObject({
      code: 'validation.failed',
      errors: [{ field: 'email', code: 'validation.email' }],
    });
  });

  it('names a failure without problem+json by its status, and a dead network as such', async () => {
    const { client } = fakeNetwork({ 'GET /api/me': [() => new Response('Bad gateway', { status: 502 })] });
    await expect(unwrap(client.GET('/api/me'))).rejects.toMatchObject({ status: 502, code: 'client.server' });

    const offline = createApiClient({
      baseUrl: 'http://heimo.test',
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
    });
    await expect(unwrap(offline.GET('/api/me'))).rejects.toMatchObject({ status: 0, code: 'client.network' });
  });
});
