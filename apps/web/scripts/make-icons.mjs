#!/usr/bin/env node
// Draws the app's install icons (apps/web/public/icons/*.png): a white "H" on Heimo's indigo. Run by
// hand when the mark changes (`node apps/web/scripts/make-icons.mjs`); the PNGs are committed. The
// maskable icon keeps its mark inside the middle 60%, the zone every platform's mask leaves whole.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'icons');
const INDIGO = [0x3b, 0x5b, 0xdb];
const WHITE = [0xff, 0xff, 0xff];

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An RGB PNG of `size`² pixels, `pixel(x, y)` giving each colour. */
function png(size, pixel) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const rows = Buffer.alloc(size * (1 + size * 3));
  for (let y = 0; y < size; y += 1) {
    const start = y * (1 + size * 3);
    rows[start] = 0; // no filter
    for (let x = 0; x < size; x += 1) rows.set(pixel(x, y), start + 1 + x * 3);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The "H", drawn within a centred box `scale` of the icon wide. */
function mark(size, scale) {
  const box = size * scale;
  const left = (size - box) / 2;
  const top = (size - box) / 2;
  const bar = box * 0.24;
  return (x, y) => {
    const u = x - left;
    const v = y - top;
    if (u < 0 || v < 0 || u >= box || v >= box) return false;
    const stem = u < bar || u >= box - bar;
    const cross = v >= box * 0.4 && v < box * 0.6;
    return stem || cross;
  };
}

mkdirSync(out, { recursive: true });
for (const [name, size, scale] of [
  ['icon-192.png', 192, 0.56],
  ['icon-512.png', 512, 0.56],
  ['icon-maskable-512.png', 512, 0.4],
]) {
  const inMark = mark(size, scale);
  writeFileSync(
    join(out, name),
    png(size, (x, y) => (inMark(x, y) ? WHITE : INDIGO)),
  );
}
