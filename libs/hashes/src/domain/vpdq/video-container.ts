/**
 * Recognises video containers from their first bytes, so a file's type is never taken from its
 * name and only the demuxer for the recognised container is ever let loose on the content.
 */
export type VideoContainer = 'mp4' | 'mov' | 'webm' | 'matroska' | 'avi' | 'mpeg-ts' | 'mpeg-ps' | 'flv' | 'asf' | 'ogg';

/** Bytes to read from the start of a file for detectVideoContainer. */
export const VIDEO_SNIFF_BYTES = 512;

const MPEG_TS_PACKET = 188;

/** ISO base media brands of still images and image sequences (HEIF, AVIF): images, not videos. */
const IMAGE_BRANDS: ReadonlySet<string> = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs', 'mif1', 'msf1', 'avif', 'avis']);

/** QuickTime files from before the `ftyp` box start straight with one of these atoms. */
const QUICKTIME_ATOMS: ReadonlySet<string> = new Set(['moov', 'mdat', 'wide', 'pnot']);

const ASF_GUID = [0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11, 0xa6, 0xd9, 0x00, 0xaa, 0x00, 0x62, 0xce, 0x6c];

function ascii(bytes: Uint8Array, start: number, length: number): string {
  if (bytes.length < start + length) return '';
  let text = '';
  for (let i = start; i < start + length; i++) text += String.fromCharCode(bytes[i]);
  return text;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  if (bytes.length < at + prefix.length) return false;
  return prefix.every((value, i) => bytes[at + i] === value);
}

function includesAscii(bytes: Uint8Array, text: string, within: number): boolean {
  const limit = Math.min(bytes.length, within) - text.length;
  for (let i = 0; i <= limit; i++) {
    if (ascii(bytes, i, text.length) === text) return true;
  }
  return false;
}

/** The container of a file from its first bytes (VIDEO_SNIFF_BYTES suffice), or null. */
export function detectVideoContainer(head: Uint8Array): VideoContainer | null {
  if (ascii(head, 4, 4) === 'ftyp') {
    const brand = ascii(head, 8, 4);
    if (IMAGE_BRANDS.has(brand)) return null;
    return brand === 'qt  ' ? 'mov' : 'mp4';
  }
  if (QUICKTIME_ATOMS.has(ascii(head, 4, 4))) return 'mov';
  if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3])) {
    // The EBML header names its DocType near the start.
    return includesAscii(head, 'webm', 64) ? 'webm' : 'matroska';
  }
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 4) === 'AVI ') return 'avi';
  if (head.length > MPEG_TS_PACKET && head[0] === 0x47 && head[MPEG_TS_PACKET] === 0x47) {
    if (head.length <= 2 * MPEG_TS_PACKET || head[2 * MPEG_TS_PACKET] === 0x47) return 'mpeg-ts';
  }
  if (startsWith(head, [0x00, 0x00, 0x01, 0xba])) return 'mpeg-ps';
  if (ascii(head, 0, 3) === 'FLV' && head[3] === 0x01) return 'flv';
  if (startsWith(head, ASF_GUID)) return 'asf';
  if (ascii(head, 0, 4) === 'OggS') return 'ogg';
  return null;
}
