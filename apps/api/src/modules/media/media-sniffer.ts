import type { MediaKind } from './entities/media-asset.entity';

/** What the bytes are, decided from their structure alone (never the file name or declared type). */
export type SniffedMedia =
  | {
      readonly ok: true;
      readonly kind: MediaKind;
      readonly contentType: SupportedContentType;
      /** Pixels from the image header; null for video. */
      readonly width: number | null;
      readonly height: number | null;
    }
  | {
      readonly ok: false;
      /** `unsupported`: not a format Heimo takes; `corrupt`: a supported format, cut short or malformed. */
      readonly reason: 'unsupported' | 'corrupt';
      /** The format the signature claimed, when it was a supported one. */
      readonly format?: SupportedContentType;
    };

export const SUPPORTED_CONTENT_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'video/mp4',
  'video/quicktime',
  'video/webm',
] as const;
export type SupportedContentType = (typeof SUPPORTED_CONTENT_TYPES)[number];

/** Bytes to sniff without holding them all: a buffer, or a file read on demand. */
export interface ByteSource {
  readonly length: number;
  /** The bytes from `at`, at most `length` of them (fewer at the end). */
  read(at: number, length: number): Buffer;
}

const bufferSource = (data: Buffer): ByteSource => ({
  length: data.length,
  read: (at, length) => data.subarray(at, at + length),
});

/** Reads a source like a buffer: an index past the end reads `undefined`, as `data[at]` does. */
class Bytes {
  readonly length: number;
  constructor(private readonly source: ByteSource) {
    this.length = source.length;
  }
  at(at: number): number | undefined {
    return at >= 0 && at < this.length ? this.source.read(at, 1)[0] : undefined;
  }
  u16be = (at: number) => this.source.read(at, 2).readUInt16BE(0);
  u16le = (at: number) => this.source.read(at, 2).readUInt16LE(0);
  u32be = (at: number) => this.source.read(at, 4).readUInt32BE(0);
  u32le = (at: number) => this.source.read(at, 4).readUInt32LE(0);
  uintle = (at: number, length: number) => this.source.read(at, length).readUIntLE(0, length);
  u64be = (at: number) => this.source.read(at, 8).readBigUInt64BE(0);
  latin1 = (from: number, to: number) => this.source.read(from, to - from).toString('latin1');
  /** Whether `needle` occurs at or after `from`; read from the end, where an end marker usually is. */
  occursFrom(needle: Buffer, from: number): boolean {
    const window = 64 * 1024;
    for (let end = this.length; end - from >= needle.length; end -= window) {
      const start = Math.max(from, end - window - needle.length + 1);
      if (this.source.read(start, end - start).indexOf(needle) !== -1) return true;
    }
    return false;
  }
}

const unsupported: SniffedMedia = { ok: false, reason: 'unsupported' };
const corrupt = (format: SupportedContentType): SniffedMedia => ({ ok: false, reason: 'corrupt', format });
const image = (contentType: SupportedContentType, width: number, height: number): SniffedMedia =>
  width > 0 && height > 0 ? { ok: true, kind: 'image', contentType, width, height } : corrupt(contentType);
const video = (contentType: SupportedContentType): SniffedMedia => ({
  ok: true,
  kind: 'video',
  contentType,
  width: null,
  height: null,
});

const startsWith = (data: Bytes, bytes: readonly number[], at = 0) =>
  data.length >= at + bytes.length && bytes.every((byte, i) => data.at(at + i) === byte);
const ascii = (data: Bytes, at: number, length: number) =>
  data.length >= at + length ? data.latin1(at, at + length) : '';

/** How many bytes `mediaSignature` needs to decide. */
export const SIGNATURE_BYTES = 12;

/**
 * The format the first bytes claim (magic numbers, and the brand of an ISO media file), before the
 * rest is read; undefined when they claim none Heimo takes. Fewer than `SIGNATURE_BYTES` bytes
 * decide only for a whole file.
 */
export function mediaSignature(head: Buffer | ByteSource): SupportedContentType | undefined {
  const data = new Bytes(Buffer.isBuffer(head) ? bufferSource(head) : head);
  if (startsWith(data, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (ascii(data, 0, 6) === 'GIF87a' || ascii(data, 0, 6) === 'GIF89a') return 'image/gif';
  if (ascii(data, 0, 4) === 'RIFF' && ascii(data, 8, 4) === 'WEBP') return 'image/webp';
  if (ascii(data, 4, 4) === 'ftyp') {
    const brand = ascii(data, 8, 4);
    return brand === 'qt  ' ? 'video/quicktime' : MP4_BRANDS.has(brand) ? 'video/mp4' : undefined;
  }
  if (startsWith(data, [0x1a, 0x45, 0xdf, 0xa3])) return 'video/webm';
  return undefined;
}

export const kindOf = (format: SupportedContentType): MediaKind =>
  format.startsWith('image/') ? 'image' : 'video';

/**
 * Recognises JPEG, PNG, WebP and GIF images (with their size in pixels) and MP4, QuickTime and WebM
 * video. Reads a file through `ByteSource` a few bytes at a time (headers, chunk and box lengths).
 */
export function sniffMedia(input: Buffer | ByteSource): SniffedMedia {
  const data = new Bytes(Buffer.isBuffer(input) ? bufferSource(input) : input);
  switch (mediaSignature(input)) {
    case 'image/jpeg':
      return sniffJpeg(data);
    case 'image/png':
      return sniffPng(data);
    case 'image/gif':
      return sniffGif(data);
    case 'image/webp':
      return sniffWebp(data);
    case 'video/mp4':
      return sniffIsoMedia(data, 'video/mp4');
    case 'video/quicktime':
      return sniffIsoMedia(data, 'video/quicktime');
    case 'video/webm':
      return sniffWebm(data);
    case undefined:
      return unsupported;
  }
}

/** Start-of-frame markers (baseline, progressive, lossless, arithmetic); C4, C8 and CC are not frames. */
const JPEG_SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

function sniffJpeg(data: Bytes): SniffedMedia {
  const format = 'image/jpeg';
  let at = 2;
  while (at < data.length) {
    if (data.at(at) !== 0xff) return corrupt(format);
    while (data.at(at) === 0xff) at += 1; // fill bytes
    const marker = data.at(at);
    if (marker === undefined) return corrupt(format);
    // Markers without a length; the scan (DA) or the end (D9) before any frame header is malformed.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 1;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda || at + 3 > data.length) return corrupt(format);
    const length = data.u16be(at + 1);
    const end = at + 1 + length;
    if (length < 2 || end > data.length) return corrupt(format);
    if (JPEG_SOF.has(marker)) {
      if (length < 7) return corrupt(format);
      const height = data.u16be(at + 4);
      const width = data.u16be(at + 6);
      // Entropy-coded data stuffs every 0xFF, so an end-of-image marker after the frame header is the real end.
      if (!data.occursFrom(Buffer.from([0xff, 0xd9]), end)) return corrupt(format);
      return image(format, width, height);
    }
    at = end;
  }
  return corrupt(format);
}

function sniffPng(data: Bytes): SniffedMedia {
  const format = 'image/png';
  if (data.length < 33 || data.u32be(8) !== 13 || ascii(data, 12, 4) !== 'IHDR') return corrupt(format);
  const width = data.u32be(16);
  const height = data.u32be(20);
  // Walk the chunks to IEND: a file cut short ends inside a chunk, or before IEND.
  let at = 8;
  while (at + 12 <= data.length) {
    const next = at + 12 + data.u32be(at);
    if (next > data.length) return corrupt(format);
    if (ascii(data, at + 4, 4) === 'IEND') return image(format, width, height);
    at = next;
  }
  return corrupt(format);
}

function sniffGif(data: Bytes): SniffedMedia {
  const format = 'image/gif';
  // Header and logical screen descriptor, at least one byte of content and the trailer.
  if (data.length < 14 || data.at(data.length - 1) !== 0x3b) return corrupt(format);
  return image(format, data.u16le(6), data.u16le(8));
}

function sniffWebp(data: Bytes): SniffedMedia {
  const format = 'image/webp';
  const riffSize = data.u32le(4);
  if (riffSize < 4 + 8 || data.length < 8 + riffSize || data.length < 30) return corrupt(format);
  const chunk = ascii(data, 12, 4);
  if (chunk === 'VP8X') {
    return image(format, data.uintle(24, 3) + 1, data.uintle(27, 3) + 1);
  }
  if (chunk === 'VP8L') {
    if (data.at(20) !== 0x2f) return corrupt(format);
    const bits = data.u32le(21);
    return image(format, (bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  if (chunk === 'VP8 ') {
    if (!startsWith(data, [0x9d, 0x01, 0x2a], 23)) return corrupt(format);
    return image(format, data.u16le(26) & 0x3fff, data.u16le(28) & 0x3fff);
  }
  return corrupt(format);
}

/**
 * Major brands of the ISO base media files we take as video. HEIF/AVIF images, audio-only
 * (M4A) and other relatives share the `ftyp` box and are refused.
 */
const MP4_BRANDS = new Set([
  'isom',
  'iso2',
  'iso3',
  'iso4',
  'iso5',
  'iso6',
  'iso8',
  'iso9',
  'mp41',
  'mp42',
  'mp71',
  'avc1',
  'dash',
  'mmp4',
  'MSNV',
  'M4V ',
  'M4VH',
  'M4VP',
  'f4v ',
]);

function sniffIsoMedia(data: Bytes, format: SupportedContentType): SniffedMedia {
  // Walk the top-level boxes: each must fit in the file, and the movie header (moov) must be there.
  let at = 0;
  let movie = false;
  while (at < data.length) {
    if (at + 8 > data.length) return corrupt(format);
    let size = data.u32be(at);
    let header = 8;
    if (size === 1) {
      if (at + 16 > data.length) return corrupt(format);
      const large = data.u64be(at + 8);
      if (large > BigInt(Number.MAX_SAFE_INTEGER)) return corrupt(format);
      size = Number(large);
      header = 16;
    } else if (size === 0) {
      size = data.length - at; // the last box runs to the end of the file
    }
    if (size < header || at + size > data.length) return corrupt(format);
    if (ascii(data, at + 4, 4) === 'moov') movie = true;
    at += size;
  }
  return movie ? video(format) : corrupt(format);
}

/** An EBML variable-length integer: its length and value (`keepMarker` for element ids). */
function readVint(
  data: Bytes,
  at: number,
  keepMarker: boolean,
): { length: number; value: number } | undefined {
  const first = data.at(at);
  if (first === undefined || first === 0) return undefined;
  const length = Math.clz32(first) - 23;
  if (at + length > data.length) return undefined;
  let value = keepMarker ? first : first & (0xff >> length);
  for (let i = 1; i < length; i += 1) value = value * 256 + (data.at(at + i) ?? 0);
  return { length, value };
}

const EBML_DOC_TYPE = 0x4282;
const MATROSKA_SEGMENT = [0x18, 0x53, 0x80, 0x67];

function sniffWebm(data: Bytes): SniffedMedia {
  const format = 'video/webm';
  const headerSize = readVint(data, 4, false);
  if (!headerSize) return corrupt(format);
  const start = 4 + headerSize.length;
  const end = start + headerSize.value;
  if (end > data.length) return corrupt(format);
  let docType: string | undefined;
  for (let at = start; at < end;) {
    const id = readVint(data, at, true);
    const size = id && readVint(data, at + id.length, false);
    if (!id || !size) return corrupt(format);
    const body = at + id.length + size.length;
    if (body + size.value > end) return corrupt(format);
    if (id.value === EBML_DOC_TYPE) docType = data.latin1(body, body + size.value).replace(/\0+$/, '');
    at = body + size.value;
  }
  // Matroska proper (.mkv) shares the container; only its WebM profile is taken.
  if (docType !== 'webm') return docType === undefined ? corrupt(format) : unsupported;
  // The segment itself may be of unknown size (live recordings), so only its start is checked.
  const segmentSize = startsWith(data, MATROSKA_SEGMENT, end) && readVint(data, end + 4, false);
  return segmentSize ? video(format) : corrupt(format);
}
