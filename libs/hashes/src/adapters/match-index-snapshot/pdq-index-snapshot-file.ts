import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PdqMatchIndex, SnapshotFormatError } from '../../domain/match-index';
import type { PdqIndexFingerprint } from './pdq-index-fingerprint';

const FORMAT = 'vigil-pdq-index-snapshot';
const VERSION = 1;

export interface PdqIndexSnapshotHeader {
  format: typeof FORMAT;
  version: number;
  fingerprint: PdqIndexFingerprint;
  writtenAt: string;
}

/**
 * One file holding a PDQ index snapshot: a length-prefixed JSON header (format, the
 * fingerprint of the entries, when it was written), padded to 8 bytes, then the index's own
 * serialization (which carries its checksum). Written to a temporary file, flushed and renamed
 * over the old one, so a crash mid-write leaves the previous snapshot intact.
 */
export class PdqIndexSnapshotFile {
  constructor(readonly path: string) {}

  async write(bytes: Uint8Array, fingerprint: PdqIndexFingerprint, writtenAt: Date): Promise<{ bytes: number }> {
    const header: PdqIndexSnapshotHeader = { format: FORMAT, version: VERSION, fingerprint, writtenAt: writtenAt.toISOString() };
    const json = Buffer.from(JSON.stringify(header), 'utf8');
    const prefix = Buffer.alloc(4);
    prefix.writeUInt32LE(json.length);
    const padding = Buffer.alloc((8 - ((4 + json.length) % 8)) % 8);
    await mkdir(dirname(this.path), { recursive: true });
    const temporary = `${this.path}.${process.pid}.tmp`;
    const file = await open(temporary, 'w', 0o600);
    try {
      await file.writev([prefix, json, padding, bytes]);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, this.path);
    return { bytes: prefix.length + json.length + padding.length + bytes.length };
  }

  /** The snapshot's header alone (cheap), or undefined when there is no snapshot file. */
  async readHeader(): Promise<PdqIndexSnapshotHeader | undefined> {
    const file = await open(this.path, 'r').catch(ignoreMissing);
    if (!file) return undefined;
    try {
      const prefix = Buffer.alloc(4);
      await file.read(prefix, 0, 4, 0);
      const length = prefix.readUInt32LE(0);
      if (length > 1_000_000) throw new SnapshotFormatError(`${this.path}: header length ${length} is not plausible`);
      const json = Buffer.alloc(length);
      await file.read(json, 0, length, 4);
      return parseHeader(json, this.path);
    } finally {
      await file.close();
    }
  }

  /** The whole snapshot, index deserialized (checksum and structure verified). */
  async read(): Promise<{ header: PdqIndexSnapshotHeader; index: PdqMatchIndex } | undefined> {
    const content = await readFile(this.path).catch(ignoreMissing);
    if (!content) return undefined;
    if (content.length < 4) throw new SnapshotFormatError(`${this.path}: truncated`);
    const length = content.readUInt32LE(0);
    if (4 + length > content.length) throw new SnapshotFormatError(`${this.path}: truncated header`);
    const header = parseHeader(content.subarray(4, 4 + length), this.path);
    const start = 4 + length + ((8 - ((4 + length) % 8)) % 8);
    // A copy aligned at offset 0: the index keeps typed-array views into these bytes.
    const body = new Uint8Array(content.length - start);
    body.set(content.subarray(start));
    return { header, index: PdqMatchIndex.deserialize(body) };
  }

  async remove(): Promise<void> {
    await rm(this.path, { force: true });
  }
}

function parseHeader(json: Buffer, path: string): PdqIndexSnapshotHeader {
  let header: Partial<PdqIndexSnapshotHeader>;
  try {
    header = JSON.parse(json.toString('utf8')) as Partial<PdqIndexSnapshotHeader>;
  } catch {
    throw new SnapshotFormatError(`${path}: the header is not JSON`);
  }
  if (header.format !== FORMAT || header.version !== VERSION || typeof header.fingerprint?.entries !== 'number' || typeof header.fingerprint.checksum !== 'string') {
    throw new SnapshotFormatError(`${path}: not a ${FORMAT} v${VERSION} file`);
  }
  return header as PdqIndexSnapshotHeader;
}

function ignoreMissing(error: NodeJS.ErrnoException): undefined {
  if (error.code === 'ENOENT') return undefined;
  throw error;
}
