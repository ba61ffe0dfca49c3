import { crc32, deflateSync } from 'node:zlib';

const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};

function chunk(type: string, data: Buffer): Buffer {
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  return Buffer.concat([u32(data.length), typed, u32(crc32(typed))]);
}

/**
 * A valid RGB PNG of the given size: flat grey, or a warm gradient (`gradient`) where a screenshot
 * should show a real picture.
 */
export function png(width: number, height: number, { gradient = false } = {}): Buffer {
  const stride = width * 3 + 1;
  const rows = Buffer.alloc(stride * height, 0x40);
  for (let y = 0; y < height; y += 1) {
    rows[y * stride] = 0;
    if (!gradient) continue;
    for (let x = 0; x < width; x += 1) {
      rows[y * stride + 1 + x * 3] = 200 + Math.round((55 * x) / width);
      rows[y * stride + 2 + x * 3] = 90 + Math.round((120 * y) / height);
      rows[y * stride + 3 + x * 3] = 60;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', Buffer.concat([u32(width), u32(height), Buffer.from([8, 2, 0, 0, 0])])),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
