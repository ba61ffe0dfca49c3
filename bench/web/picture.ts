import { crc32, deflateSync } from 'node:zlib';

const u32be = (n: number) => {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(n >>> 0);
  return bytes;
};

function chunk(type: string, data: Buffer): Buffer {
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  return Buffer.concat([u32be(data.length), typed, u32be(crc32(typed))]);
}

/**
 * A 1200 × 630 RGB PNG (the size networks show a link's picture at): sky, sun and sea, with a seeded
 * grain in blocks of 4 × 4 pixels so that it compresses about as little as a photograph of that size
 * does (~150 kB; a flat drawing would be 10 kB and flatter the page that shows it). The same bytes
 * every run.
 */
export function benchPicture(): Buffer {
  const width = 1200;
  const height = 630;
  let state = 20261207 >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const blocksPerRow = width >> 2;
  const grain = Array.from({ length: blocksPerRow * (height >> 2) + blocksPerRow }, () => random() - 0.5);
  const row = width * 3 + 1;
  const pixels = Buffer.alloc(row * height);
  for (let y = 0; y < height; y++) {
    pixels[y * row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const [r, g, b] =
        Math.hypot(x - 850, y - 200) < 120
          ? [250, 200, 90]
          : y > 380
            ? [20 + y / 20, 80 + x / 40, 140 + y / 10]
            : [120 + y / 6, 160 + y / 8, 220];
      const n = grain[(y >> 2) * blocksPerRow + (x >> 2)]! * 3;
      const at = y * row + 1 + x * 3;
      pixels[at] = Math.max(0, Math.min(255, r + n));
      pixels[at + 1] = Math.max(0, Math.min(255, g + n));
      pixels[at + 2] = Math.max(0, Math.min(255, b + n));
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', Buffer.concat([u32be(width), u32be(height), Buffer.from([8, 2, 0, 0, 0])])),
    chunk('IDAT', deflateSync(pixels, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
