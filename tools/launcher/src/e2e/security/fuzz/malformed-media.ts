import fc from 'fast-check';
import { crc32 } from 'node:zlib';

/**
 * Files that look like images to a content sniffer but are not decodable: a bare or truncated
 * header, or a header claiming dimensions far past any limit (a decompression bomb's opening).
 * None decodes, so an upload built from them must always be refused.
 */
const u32 = (value: number) => {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value >>> 0);
  return bytes;
};
const u16 = (value: number, littleEndian = false) => {
  const bytes = Buffer.alloc(2);
  if (littleEndian) bytes.writeUInt16LE(value & 0xffff);
  else bytes.writeUInt16BE(value & 0xffff);
  return bytes;
};
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngChunk(type: string, data: Buffer, goodCrc: boolean): Buffer {
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  return Buffer.concat([u32(data.length), typed, u32(goodCrc ? crc32(typed) : 0xdeadbeef)]);
}

const dimension = fc.oneof(fc.constantFrom(0, 1, 65535, 65536, 0x7fffffff, 0xffffffff), fc.integer({ min: 0, max: 0xffffffff }));
const junk = (maxLength: number) => fc.uint8Array({ maxLength }).map((bytes) => Buffer.from(bytes));

const pngHeader = fc
  .record({ width: dimension, height: dimension, depth: fc.constantFrom(1, 8, 16, 3, 255), colour: fc.constantFrom(0, 2, 3, 6, 7), goodCrc: fc.boolean(), tail: junk(64), withIdat: fc.boolean() })
  .map(({ width, height, depth, colour, goodCrc, tail, withIdat }) => {
    const ihdr = pngChunk('IHDR', Buffer.concat([u32(width), u32(height), Buffer.from([depth, colour, 0, 0, 0])]), goodCrc);
    // An IDAT of junk where zlib data should be, and no IEND: a decoder must give up.
    const idat = withIdat ? pngChunk('IDAT', Buffer.concat([Buffer.from([0x78, 0x9c]), tail]), goodCrc) : tail;
    return { name: 'header.png', type: 'image/png', bytes: Buffer.concat([PNG_SIGNATURE, ihdr, idat]) };
  });

const jpegHeader = fc
  .record({ width: fc.integer({ min: 0, max: 65535 }), height: fc.integer({ min: 0, max: 65535 }), components: fc.constantFrom(0, 1, 3, 4, 255), tail: junk(64) })
  .map(({ width, height, components, tail }) => {
    const sof = Buffer.concat([Buffer.from([0xff, 0xc0]), u16(8 + 3 * (components & 3)), Buffer.from([8]), u16(height), u16(width), Buffer.from([components])]);
    return { name: 'header.jpg', type: 'image/jpeg', bytes: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), u16(16), Buffer.from('JFIF\0', 'latin1'), Buffer.alloc(9), sof, tail]) };
  });

const gifHeader = fc
  .record({ width: fc.integer({ min: 0, max: 65535 }), height: fc.integer({ min: 0, max: 65535 }), tail: junk(48) })
  .map(({ width, height, tail }) => ({ name: 'header.gif', type: 'image/gif', bytes: Buffer.concat([Buffer.from('GIF89a', 'latin1'), u16(width, true), u16(height, true), Buffer.from([0xf7, 0, 0]), tail]) }));

const webpHeader = junk(64).map((tail) => {
  const body = Buffer.concat([Buffer.from('WEBPVP8 ', 'latin1'), u32(tail.length), tail]);
  const size = Buffer.alloc(4);
  size.writeUInt32LE(body.length);
  return { name: 'header.webp', type: 'image/webp', bytes: Buffer.concat([Buffer.from('RIFF', 'latin1'), size, body]) };
});

export interface MalformedFile {
  name: string;
  type: string;
  bytes: Buffer;
}

/** Random bytes, sometimes behind an image's magic number, under a name and type that may lie. */
const randomBytes = fc
  .record({ magic: fc.constantFrom(Buffer.alloc(0), PNG_SIGNATURE, Buffer.from([0xff, 0xd8, 0xff]), Buffer.from('GIF8', 'latin1')), bytes: junk(512), name: fc.constantFrom('photo.png', 'a.jpg', 'x', '../../etc/passwd', 'évidence.gif', ''), type: fc.constantFrom('image/png', 'image/jpeg', 'application/octet-stream', 'text/html') })
  .map(({ magic, bytes, name, type }) => ({ name, type, bytes: Buffer.concat([magic, bytes]) }));

/** The first bytes of a real PNG header, cut before any pixel data. */
const truncatedPng = fc.integer({ min: 1, max: 40 }).map((length) => ({ name: 'cut.png', type: 'image/png', bytes: Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', Buffer.concat([u32(64), u32(64), Buffer.from([8, 2, 0, 0, 0])]), true)]).subarray(0, length) }));

export const malformedImage: fc.Arbitrary<MalformedFile> = fc.oneof(pngHeader, jpegHeader, gifHeader, webpHeader, randomBytes, truncatedPng);
