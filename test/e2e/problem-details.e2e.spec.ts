import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import { IsInt, IsString, Max, MaxLength } from 'class-validator';
import request from 'supertest';
import { Public } from '../../apps/api/src/infra/http/access.decorators';
import { useTestServer } from '../support/use-test-server';

class ProbeBody {
  @IsString()
  @MaxLength(10)
  name!: string;

  @IsInt()
  @Max(5)
  count!: number;
}

@Public()
@Controller('probe')
class ProbeController {
  @Get('boom')
  boom(): never {
    throw new Error('secret internal detail: password=hunter2');
  }

  @Post('echo')
  echo(@Body() body: ProbeBody): ProbeBody {
    return body;
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

describe('errors leave as problem+json', () => {
  const { server } = useTestServer({ extraModules: [ProbeModule], env: { BODY_LIMIT_BYTES: '2048' } });

  it('names every invalid and unknown field of a body', async () => {
    const res = await request(server.baseUrl)
      .post('/api/probe/echo')
      .send({ name: 'much too long a name', count: 'x', extra: 1 });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      status: 400,
      code: 'validation.failed',
      title: expect.any(String),
      type: expect.stringContaining('validation.failed'),
    });
    const fields = (res.body.errors as { field: string; code: string }[]).map((e) => `${e.field}:${e.code}`);
    expect(fields).toEqual(
      expect.arrayContaining([
        'name:validation.maxLength',
        'count:validation.isInt',
        'extra:validation.unknown_field',
      ]),
    );
    expect(res.body.requestId).toBe(res.headers['x-request-id']);
  });

  it('accepts a valid body and transforms nothing extra', async () => {
    const res = await request(server.baseUrl).post('/api/probe/echo').send({ name: 'ok', count: 3 });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ name: 'ok', count: 3 });
  });

  it('answers malformed JSON with 400 naming the body', async () => {
    const res = await request(server.baseUrl)
      .post('/api/probe/echo')
      .set('content-type', 'application/json')
      .send('{"name": ');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('validation.malformed_json');
    expect(res.body.errors[0].field).toBe('body');
  });

  it('answers an unknown route with 404', async () => {
    const res = await request(server.baseUrl).get('/api/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('answers a body over the limit with 413', async () => {
    const res = await request(server.baseUrl)
      .post('/api/probe/echo')
      .send({ name: 'x'.repeat(4096), count: 1 });
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 413, code: 'request.too_large' });
  });

  it('answers an unexpected error with 500 and no internals', async () => {
    const res = await request(server.baseUrl).get('/api/probe/boom');
    expect(res.status).toBe(500);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 500, code: 'internal' });
    expect(res.text).not.toContain('hunter2');
    expect(res.text).not.toContain('secret internal detail');
    expect(res.text).not.toMatch(/at \w+ \(/);
  });

  it('keeps a sane caller request id and replaces an unsafe one', async () => {
    const kept = await request(server.baseUrl)
      .get('/api/no-such-thing')
      .set('X-Request-Id', 'trace-12345678');
    expect(kept.headers['x-request-id']).toBe('trace-12345678');
    expect(kept.body.requestId).toBe('trace-12345678');
    const replaced = await request(server.baseUrl)
      .get('/api/no-such-thing')
      .set('X-Request-Id', 'bad id\twith\ttabs');
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sets security headers', async () => {
    const res = await request(server.baseUrl).get('/healthz');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-powered-by']).toBeUndefined();
    // PUBLIC_URL is http here: nothing may be moved to https.
    expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
  });

  it('serves the OpenAPI document with every route of the app', async () => {
    const res = await request(server.baseUrl).get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/healthz', '/healthz/ready', '/api/auth/login', '/api/me']),
    );
    const docs = await request(server.baseUrl).get('/api/docs/');
    expect(docs.status).toBe(200);
    expect(docs.text).toContain('swagger');
  });
});

describe('content security policy on an https origin', () => {
  const { server } = useTestServer({ workers: false, env: { PUBLIC_URL: 'https://heimo.example' } });

  it('has the browser load every address over https', async () => {
    const res = await request(server.baseUrl).get('/healthz');
    expect(res.headers['content-security-policy']).toContain('upgrade-insecure-requests');
  });
});
