import { prettyLine } from './pretty-log';

const at = new Date(2026, 11, 7, 14, 3, 27).getTime();

describe('prettyLine', () => {
  it('writes a log line as time, level, context, message and the other fields', () => {
    const line = JSON.stringify({
      level: 40,
      time: at,
      pid: 1,
      hostname: 'h',
      context: 'ClickRecorder',
      partitions: ['a', 'b'],
      msg: 'Redis did not take a click batch',
      err: { type: 'Error', message: 'connect ECONNREFUSED 127.0.0.1:6379', stack: 'Error: x\n    at y' },
    });
    expect(prettyLine(line)).toBe(
      '14:03:27  warn   ClickRecorder  Redis did not take a click batch  err="connect ECONNREFUSED 127.0.0.1:6379"  partitions=["a","b"]\n',
    );
  });

  it('writes a request as method, path, status and time, and the stack of an error below it', () => {
    const request = JSON.stringify({
      level: 30,
      time: at,
      req: { id: 'r1', method: 'GET', url: '/api/me' },
      res: { statusCode: 200 },
      responseTime: 12,
      requestId: 'r1',
      msg: 'request completed',
    });
    expect(prettyLine(request)).toBe('14:03:27  info   GET /api/me 200  12 ms\n');
    const failed = JSON.stringify({
      level: 50,
      time: at,
      msg: 'boom',
      err: { message: 'bad', stack: 'Error: bad\n  at f (a.js:1)' },
    });
    expect(prettyLine(failed)).toBe('14:03:27  error  boom  err=bad\n    at f (a.js:1)\n');
  });

  it('colours the level on a terminal and passes a line that is not JSON through', () => {
    expect(prettyLine(JSON.stringify({ level: 30, time: at, msg: 'hi' }), true)).toBe(
      '14:03:27  \x1b[36minfo \x1b[0m  hi\n',
    );
    expect(prettyLine('plain text')).toBe('plain text\n');
  });
});
