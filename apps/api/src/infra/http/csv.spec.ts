import { once } from 'node:events';
import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Response } from 'express';
import fc from 'fast-check';
import { csvCell, csvLine, downloadAborted, sendCsv, type CsvValue } from './csv';

/** RFC 4180 read back: the records of a CSV text (CRLF line ends, quoted fields). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += char;
  }
  return records;
}

describe('csvCell', () => {
  it.each<[CsvValue, string]>([
    [null, ''],
    [undefined, ''],
    [42, '42'],
    [-3.5, '-3.5'],
    [Number.NaN, ''],
    [Number.POSITIVE_INFINITY, ''],
    [true, 'true'],
    [false, 'false'],
    [new Date('2026-11-23T18:00:00.000Z'), '2026-11-23T18:00:00.000Z'],
    ['Aino', 'Aino'],
    ['Virtanen, Aino', '"Virtanen, Aino"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=HYPERLINK("http://evil")', `"'=HYPERLINK(""http://evil"")"`],
    ['+358 40 123', "'+358 40 123"],
    ['-1+1', "'-1+1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', `"'\rcmd"`],
    ['a=b', 'a=b'],
  ])('writes %p as %p', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('reads back as the text written, formula-looking text behind an apostrophe', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 6 }), (cells) => {
        const [parsed] = parseCsv(csvLine(cells));
        expect(parsed).toEqual(cells.map((cell) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell)));
      }),
    );
  });

  it('never lets a text cell start with a formula character unless behind an apostrophe', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const cell = csvCell(text).replace(/^"/, '');
        expect(/^[=+\-@\t\r]/.test(cell)).toBe(false);
      }),
    );
  });
});

describe('csvLine', () => {
  it('joins cells with commas and ends with CRLF', () => {
    expect(csvLine(['a', 1, null, 'b,c'])).toBe('a,1,,"b,c"\r\n');
  });
});

describe('sendCsv', () => {
  let server: Server;
  let baseUrl: string;
  let route: (res: Response) => Promise<void>;
  let finished: Promise<unknown>;

  beforeAll(async () => {
    const app = express();
    app.get('/file.csv', (_req, res) => {
      finished = route(res).then(
        () => 'done',
        (error: Error) => error,
      );
    });
    server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('sends the header with a byte-order mark, then every row, with download headers', async () => {
    route = (res) =>
      sendCsv(
        res,
        'board.csv',
        ['name', 'points'],
        [
          ['Äijä', 10],
          ['=1+1', -2],
        ],
      );
    const res = await fetch(`${baseUrl}/file.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="board.csv"');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)).toBe(
      "\uFEFFname,points\r\nÄijä,10\r\n'=1+1,-2\r\n",
    );
    expect(await finished).toBe('done');
  });

  it('streams a large async source completely, waiting for the socket to drain', async () => {
    const total = 200_000;
    let pending = 0;
    route = (res) =>
      sendCsv(
        res,
        'big.csv',
        ['n', 'text'],
        (async function* () {
          for (let n = 1; n <= total; n++) {
            pending++;
            yield [n, `row ${n} ${'x'.repeat(40)}`];
          }
        })(),
      );
    const text = await (await fetch(`${baseUrl}/file.csv`)).text();
    const lines = text.split('\r\n');
    expect(lines).toHaveLength(total + 2); // the header, the rows, and the empty rest after the last CRLF
    expect(lines[total]).toMatch(new RegExp(`^${total},row ${total} `));
    expect(pending).toBe(total);
    expect(await finished).toBe('done');
  });

  it('stops reading its source and ends quietly when the client goes away', async () => {
    let produced = 0;
    let closed = false;
    let aborted: AbortSignal | undefined;
    route = (res) => {
      aborted = downloadAborted(res);
      return sendCsv(
        res,
        'endless.csv',
        ['n'],
        (async function* () {
          try {
            for (;;) {
              produced++;
              yield [`${produced} ${'y'.repeat(200)}`];
              await new Promise((resolve) => setImmediate(resolve));
            }
          } finally {
            closed = true;
          }
        })(),
      );
    };
    await new Promise<void>((resolve, reject) => {
      const req = httpRequest(`${baseUrl}/file.csv`, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', () => undefined);
      req.once('error', reject);
      req.end();
    });
    expect(await finished).toBe('done');
    expect(closed).toBe(true);
    expect(aborted?.aborted).toBe(true);
    const after = produced;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(produced).toBe(after);
  });

  it('cuts the download short when its source fails after the header, and passes the error on', async () => {
    route = (res) =>
      sendCsv(
        res,
        'broken.csv',
        ['n'],
        (async function* () {
          yield [1];
          throw new Error('the cursor failed');
        })(),
      );
    await expect(fetch(`${baseUrl}/file.csv`).then((res) => res.text())).rejects.toThrow();
    expect(await finished).toEqual(new Error('the cursor failed'));
  });

  it('leaves the abort signal alone when the download completes', async () => {
    let aborted: AbortSignal | undefined;
    route = (res) => {
      aborted = downloadAborted(res);
      return sendCsv(res, 'small.csv', ['n'], [[1]]);
    };
    await (await fetch(`${baseUrl}/file.csv`)).text();
    await finished;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(aborted?.aborted).toBe(false);
  });
});
