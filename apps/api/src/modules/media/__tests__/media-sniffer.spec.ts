import { crc32, deflateSync } from 'node:zlib';
import fc from 'fast-check';
import { sniffMedia } from '../media-sniffer';

const u32be = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};

function pngChunk(type: string, data: Buffer): Buffer {
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  return Buffer.concat([u32be(data.length), typed, u32be(crc32(typed))]);
}

function png(width: number, height: number): Buffer {
  const ihdr = Buffer.concat([u32be(width), u32be(height), Buffer.from([8, 0, 0, 0, 0])]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.alloc((width + 1) * height))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

const GIF = Buffer.from(
  '47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b',
  'hex',
);
const JPEG = Buffer.from(
  'ffd8ffe000104a46494600010100000100010000ffc0000b080002000301011100ffda0008010100003f00123456ffd9',
  'hex',
);
// ftyp, mdat, then moov (as a recorder writes it): every proper prefix cuts a box or lacks the moov.
const MP4 = Buffer.concat([
  Buffer.from('000000186674797069736f6d0000020069736f6d6d703431', 'hex'),
  Buffer.from('0000000c6d64617401020304', 'hex'),
  Buffer.from('000000106d6f6f76000000086d766864', 'hex'),
]);
const WEBM = Buffer.from(
  '1a45df a3 8f 4286 81 01 4282 84 7765626d 4287 81 04 18538067 01ffffffffffffff'.replace(/ /g, ''),
  'hex',
);

describe('sniffMedia', () => {
  it('reads the type and the size of each format from the bytes', () => {
    expect(sniffMedia(png(640, 480))).toEqual({
      ok: true,
      kind: 'image',
      contentType: 'image/png',
      width: 640,
      height: 480,
    });
    expect(sniffMedia(GIF)).toMatchObject({ ok: true, contentType: 'image/gif', width: 1, height: 1 });
    expect(sniffMedia(JPEG)).toMatchObject({ ok: true, contentType: 'image/jpeg', width: 3, height: 2 });
    expect(sniffMedia(MP4)).toMatchObject({ ok: true, kind: 'video', contentType: 'video/mp4', width: null });
    expect(sniffMedia(WEBM)).toMatchObject({ ok: true, kind: 'video', contentType: 'video/webm' });
  });

  it.each([
    ['SVG', '<svg xmlns="http://www.w3.org/2000/svg"/>'],
    ['HTML', '<!DOCTYPE html><html></html>'],
    ['PDF', '%PDF-1.4\n%%EOF'],
    ['text', 'hello'],
    ['an empty file', ''],
  ])('refuses %s as unsupported', (_, text) => {
    expect(sniffMedia(Buffer.from(text))).toEqual({ ok: false, reason: 'unsupported' });
  });

  // For WebM only the header and the start of the segment are checked: its prefixes up to there.
  it('calls every proper prefix of a valid file corrupt or unsupported, and never throws', () => {
    const files = { png: png(3, 3), gif: GIF, jpeg: JPEG, mp4: MP4, webm: WEBM };
    for (const [name, file] of Object.entries(files)) {
      for (let length = 0; length < file.length; length += 1) {
        expect({ name, length, ok: sniffMedia(file.subarray(0, length)).ok }).toEqual({
          name,
          length,
          ok: false,
        });
      }
    }
  });

  it('never throws, whatever the bytes after a known signature', () => {
    const signatures = [
      [0xff, 0xd8, 0xff],
      [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
      [...Buffer.from('GIF89a')],
      [...Buffer.from('RIFF\x10\x00\x00\x00WEBP', 'latin1')],
      [0, 0, 0, 0x18, ...Buffer.from('ftypisom')],
      [0x1a, 0x45, 0xdf, 0xa3],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...signatures), fc.uint8Array({ maxLength: 200 }), (signature, rest) => {
        const result = sniffMedia(Buffer.concat([Buffer.from(signature), Buffer.from(rest)]));
        if (result.ok && result.kind === 'image') {
          expect(result.width).toBeGreaterThan(0);
          expect(result.height).toBeGreaterThan(0);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
