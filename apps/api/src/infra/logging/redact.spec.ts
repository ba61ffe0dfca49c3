import { redactUrl, withoutDatabaseValues } from './redact';

describe('redactUrl', () => {
  it.each([
    ['/api/unsubscribe?token=abc.def&lang=fi', '/api/unsubscribe?token=[redacted]&lang=fi'],
    ['/unsubscribe?token=abc', '/unsubscribe?token=[redacted]'],
    ['/invite/3q2-7wEjLQ1c5Vh0uR9yZ4nKpX8sTbM', '/invite/[redacted]'],
    ['/join/Yq3x0V9mQk2n6PzA', '/join/[redacted]'],
    ['/api/join/Yq3x0V9mQk2n6PzA?x=1', '/api/join/[redacted]?x=1'],
    ['/callback?code=c0de&state=s&session_state=t', '/callback?code=[redacted]&state=s&session_state=t'],
    [
      '/x?api_key=1&accessToken=2&X-Amz-Signature=3&client_secret=4',
      '/x?api_key=[redacted]&accessToken=[redacted]&X-Amz-Signature=[redacted]&client_secret=[redacted]',
    ],
    ['/x?reset%5Ftoken=1&flag&limit=10', '/x?reset%5Ftoken=[redacted]&flag&limit=10'],
    ['/r/Ab3dE6gH?utm_source=x', '/r/Ab3dE6gH?utm_source=x'],
    ['/api/people?assignee=me&keyword=x&codes=1', '/api/people?assignee=me&keyword=x&codes=[redacted]'],
    ['/api/leaderboards?metric=points&period=month', '/api/leaderboards?metric=points&period=month'],
  ])('%s is logged as %s', (url, logged) => {
    expect(redactUrl(url)).toBe(logged);
  });
});

describe('withoutDatabaseValues', () => {
  it('keeps what failed and where, never the values', () => {
    const raw = Object.assign(new Error('duplicate key value violates unique constraint "uq_x"'), {
      code: '23505',
      severity: 'ERROR',
      detail: 'Key (email)=(someone@example.test) already exists.',
      table: 'members',
      constraint: 'uq_x',
      routine: '_bt_check_unique',
      query: 'INSERT INTO members (email) VALUES ($1)',
      parameters: ['someone@example.test'],
      driverError: { detail: 'Key (email)=(someone@example.test) already exists.' },
    });
    const serialized = { type: 'QueryFailedError', ...raw, message: raw.message, stack: raw.stack, raw };
    const logged = withoutDatabaseValues(serialized);
    expect(JSON.stringify(logged)).not.toContain('someone@example.test');
    expect(logged).toEqual({
      type: 'QueryFailedError',
      message: raw.message,
      stack: raw.stack,
      code: '23505',
      severity: 'ERROR',
      table: 'members',
      constraint: 'uq_x',
      routine: '_bt_check_unique',
      query: 'INSERT INTO members (email) VALUES ($1)',
    });
  });

  it('passes other errors unchanged', () => {
    const serialized = { type: 'Error', message: 'boom', stack: 'Error: boom', status: 502 };
    expect(withoutDatabaseValues(serialized)).toBe(serialized);
  });
});
