import { EntryId, mix32 } from './entry-id';
import { SnapshotFormatError } from './match-index-errors';

/**
 * A minimal binary container for index snapshots: an 8-character magic, a format version, a
 * byte-order mark, then scalars and typed arrays, then a checksum of everything before it.
 * Arrays start on 8-byte boundaries so a reader can hand out views into the snapshot instead
 * of copying hundreds of megabytes. The checksum matters because a flipped bit in a table would
 * not crash anything, it would silently lose matches.
 *
 * Arrays are written in the host's byte order (that is what typed arrays are); the mark lets a
 * reader on a host of the other order refuse the snapshot instead of returning garbage. Every
 * platform Vigil runs on is little-endian, so byte-swapping was not worth the code.
 */
const BYTE_ORDER_MARK = 0x01020304;
const HEADER_BYTES = 16;
const TRAILER_BYTES = 8;

type WritableArray = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array;

const ENTRY_IDS_ALL_NUMBERS = 0;
const ENTRY_IDS_MIXED = 1;
const ENTRY_KIND_NUMBER = 0;
const ENTRY_KIND_STRING = 1;

export class SnapshotWriter {
  private readonly chunks: Uint8Array[] = [];
  private length = 0;

  constructor(magic: string, version: number) {
    if (magic.length !== 8) throw new Error('snapshot magic must be 8 ASCII characters');
    const header = new Uint8Array(HEADER_BYTES);
    for (let i = 0; i < 8; i++) header[i] = magic.charCodeAt(i);
    const numbers = new Uint32Array(header.buffer, 8, 2);
    numbers[0] = version;
    numbers[1] = BYTE_ORDER_MARK;
    this.push(header);
  }

  uint32(value: number): void {
    this.push(new Uint8Array(Uint32Array.of(value).buffer));
  }

  float64(value: number): void {
    this.align();
    this.push(new Uint8Array(Float64Array.of(value).buffer));
  }

  /** Writes the element count, then the elements (not copied until `finish`). */
  array(values: WritableArray): void {
    this.uint32(values.length);
    this.align();
    this.push(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
  }

  /**
   * Ids as a Float64Array when they are all numbers (the common case of database keys), else
   * kinds + numbers + UTF-16 code units. Code units rather than UTF-8 because any JS string,
   * even one with a lone surrogate, then round-trips exactly.
   */
  entryIds(ids: ReadonlyArray<EntryId>): void {
    let stringCount = 0;
    let codeUnits = 0;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      if (typeof id === 'string') {
        stringCount++;
        codeUnits += id.length;
      }
    }
    if (stringCount === 0) {
      this.uint32(ENTRY_IDS_ALL_NUMBERS);
      this.array(Float64Array.from(ids as ReadonlyArray<number>));
      return;
    }
    const kinds = new Uint8Array(ids.length);
    const numbers = new Float64Array(ids.length - stringCount);
    const stringOffsets = new Uint32Array(stringCount + 1);
    const units = new Uint16Array(codeUnits);
    let n = 0;
    let s = 0;
    let u = 0;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      if (typeof id === 'number') {
        kinds[i] = ENTRY_KIND_NUMBER;
        numbers[n++] = id;
      } else {
        kinds[i] = ENTRY_KIND_STRING;
        for (let c = 0; c < id.length; c++) units[u++] = id.charCodeAt(c);
        stringOffsets[++s] = u;
      }
    }
    this.uint32(ENTRY_IDS_MIXED);
    this.array(kinds);
    this.array(numbers);
    this.array(stringOffsets);
    this.array(units);
  }

  finish(): Uint8Array {
    this.align();
    const out = new Uint8Array(this.length + TRAILER_BYTES);
    let position = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, position);
      position += chunk.length;
    }
    new Uint32Array(out.buffer, position, 1)[0] = checksum(out, position);
    return out;
  }

  private align(): void {
    const padding = (8 - (this.length % 8)) % 8;
    if (padding > 0) this.push(new Uint8Array(padding));
  }

  private push(chunk: Uint8Array): void {
    this.chunks.push(chunk);
    this.length += chunk.length;
  }
}

export class SnapshotReader {
  private position = HEADER_BYTES;
  private readonly littleEndian: boolean;
  /** End of the payload (start of the checksum trailer). */
  private readonly limit: number;

  /**
   * @param copy when false, arrays are views into `bytes` wherever alignment allows, so the
   * caller hands over the buffer; when true every array is a fresh copy.
   */
  constructor(
    private readonly bytes: Uint8Array,
    magic: string,
    version: number,
    private readonly copy: boolean,
  ) {
    if (!(bytes instanceof Uint8Array)) throw new SnapshotFormatError('a snapshot must be a Uint8Array');
    if (bytes.length < HEADER_BYTES + TRAILER_BYTES || bytes.length % 8 !== 0) {
      throw new SnapshotFormatError(`snapshot is truncated: ${bytes.length} bytes`);
    }
    let found = '';
    for (let i = 0; i < 8; i++) found += String.fromCharCode(bytes[i]);
    if (found !== magic) {
      throw new SnapshotFormatError(`not a ${magic} snapshot (magic is ${JSON.stringify(found)})`);
    }
    const header = new DataView(bytes.buffer, bytes.byteOffset + 8, 8);
    const hostIsLittleEndian = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;
    const mark = header.getUint32(4, hostIsLittleEndian);
    if (mark !== BYTE_ORDER_MARK) {
      throw new SnapshotFormatError('snapshot was written on a host with the other byte order');
    }
    const foundVersion = header.getUint32(0, hostIsLittleEndian);
    if (foundVersion !== version) {
      throw new SnapshotFormatError(`snapshot format version ${foundVersion} is not supported (expected ${version})`);
    }
    this.littleEndian = hostIsLittleEndian;
    this.limit = bytes.length - TRAILER_BYTES;
    const stored = new DataView(bytes.buffer, bytes.byteOffset + this.limit, 4).getUint32(0, hostIsLittleEndian);
    if (stored !== checksum(bytes, this.limit)) {
      throw new SnapshotFormatError('snapshot checksum does not match: the data is corrupt or truncated');
    }
  }

  uint32(what: string): number {
    this.need(4, what);
    const value = new DataView(this.bytes.buffer, this.bytes.byteOffset + this.position, 4).getUint32(0, this.littleEndian);
    this.position += 4;
    return value;
  }

  float64(what: string): number {
    this.align();
    this.need(8, what);
    const value = new DataView(this.bytes.buffer, this.bytes.byteOffset + this.position, 8).getFloat64(0, this.littleEndian);
    this.position += 8;
    return value;
  }

  uint8Array(what: string, expectedLength?: number): Uint8Array {
    return this.array(what, 1, expectedLength, (buffer, offset, length) => new Uint8Array(buffer, offset, length));
  }

  uint16Array(what: string, expectedLength?: number): Uint16Array {
    return this.array(what, 2, expectedLength, (buffer, offset, length) => new Uint16Array(buffer, offset, length));
  }

  uint32Array(what: string, expectedLength?: number): Uint32Array {
    return this.array(what, 4, expectedLength, (buffer, offset, length) => new Uint32Array(buffer, offset, length));
  }

  int32Array(what: string, expectedLength?: number): Int32Array {
    return this.array(what, 4, expectedLength, (buffer, offset, length) => new Int32Array(buffer, offset, length));
  }

  float64Array(what: string, expectedLength?: number): Float64Array {
    return this.array(what, 8, expectedLength, (buffer, offset, length) => new Float64Array(buffer, offset, length));
  }

  entryIds(what: string): EntryId[] {
    const encoding = this.uint32(`${what} encoding`);
    if (encoding === ENTRY_IDS_ALL_NUMBERS) {
      const numbers = this.float64Array(what);
      const ids = new Array<EntryId>(numbers.length);
      for (let i = 0; i < numbers.length; i++) ids[i] = checkedNumberId(numbers[i], what, i);
      return ids;
    }
    if (encoding !== ENTRY_IDS_MIXED) throw new SnapshotFormatError(`${what}: unknown id encoding ${encoding}`);
    const kinds = this.uint8Array(`${what} kinds`);
    const numbers = this.float64Array(`${what} numbers`);
    const stringOffsets = this.uint32Array(`${what} string offsets`);
    const units = this.uint16Array(`${what} string characters`);
    let numberCount = 0;
    for (let i = 0; i < kinds.length; i++) if (kinds[i] === ENTRY_KIND_NUMBER) numberCount++;
    if (numberCount !== numbers.length || kinds.length - numberCount + 1 !== stringOffsets.length) {
      throw new SnapshotFormatError(`${what}: id kinds do not match the number and string sections`);
    }
    const ids = new Array<EntryId>(kinds.length);
    let n = 0;
    let s = 0;
    for (let i = 0; i < kinds.length; i++) {
      const kind = kinds[i];
      if (kind === ENTRY_KIND_NUMBER) {
        ids[i] = checkedNumberId(numbers[n++], what, i);
      } else if (kind === ENTRY_KIND_STRING) {
        const start = stringOffsets[s];
        const end = stringOffsets[s + 1];
        s++;
        if (end <= start || end > units.length) throw new SnapshotFormatError(`${what}: string id ${i} is out of bounds`);
        ids[i] = decodeCodeUnits(units, start, end);
      } else {
        throw new SnapshotFormatError(`${what}: unknown id kind ${kind} at ${i}`);
      }
    }
    return ids;
  }

  /** Fails unless the whole snapshot was consumed: trailing bytes mean a format mismatch. */
  end(): void {
    this.align();
    if (this.position !== this.limit) {
      throw new SnapshotFormatError(`snapshot has ${this.limit - this.position} unexpected trailing bytes`);
    }
  }

  private array<T>(
    what: string,
    elementBytes: number,
    expectedLength: number | undefined,
    view: (buffer: ArrayBufferLike, byteOffset: number, length: number) => T,
  ): T {
    const length = this.uint32(`${what} length`);
    if (expectedLength !== undefined && length !== expectedLength) {
      throw new SnapshotFormatError(`${what}: expected ${expectedLength} elements, found ${length}`);
    }
    this.align();
    const byteLength = length * elementBytes;
    this.need(byteLength, what);
    const start = this.bytes.byteOffset + this.position;
    this.position += byteLength;
    if (!this.copy && start % elementBytes === 0) return view(this.bytes.buffer, start, length);
    const copied = this.bytes.slice(start - this.bytes.byteOffset, start - this.bytes.byteOffset + byteLength);
    return view(copied.buffer, 0, length);
  }

  private align(): void {
    this.position += (8 - (this.position % 8)) % 8;
  }

  private need(byteCount: number, what: string): void {
    if (this.position + byteCount > this.limit) {
      throw new SnapshotFormatError(`snapshot is truncated while reading ${what}`);
    }
  }
}

function checkedNumberId(value: number, what: string, index: number): number {
  if (!Number.isSafeInteger(value)) throw new SnapshotFormatError(`${what}: id ${index} is not a safe integer`);
  return value;
}

const DECODE_CHUNK = 4096;

function decodeCodeUnits(units: Uint16Array, start: number, end: number): string {
  // fromCharCode takes arguments, so very long ids are decoded in chunks to stay within stack limits.
  if (end - start <= DECODE_CHUNK) return String.fromCharCode(...units.subarray(start, end));
  let out = '';
  for (let i = start; i < end; i += DECODE_CHUNK) out += String.fromCharCode(...units.subarray(i, Math.min(end, i + DECODE_CHUNK)));
  return out;
}

// Module-level alias: under Jest (vm contexts) every global lookup such as `Math.imul` goes
// through the sandbox's global object and costs ~20x more in hot loops.
const imul = Math.imul;

/**
 * A 32-bit hash of bytes[0..length) (length a multiple of 4), read in host byte order: four
 * independent multiply-rotate lanes, so the CPU overlaps them (about 0.5 s per GB here, a third
 * less than one murmur3 lane). It guards against corruption, not against tampering.
 */
function checksum(bytes: Uint8Array, length: number): number {
  const count = length / 4;
  const words =
    bytes.byteOffset % 4 === 0 ? new Uint32Array(bytes.buffer, bytes.byteOffset, count) : new Uint32Array(bytes.slice(0, length).buffer);
  let a = 0x9747b28c;
  let b = 0x85ebca6b;
  let c = 0xc2b2ae35;
  let d = 0x27d4eb2f;
  const unrolled = count & ~3;
  for (let i = 0; i < unrolled; i += 4) {
    a = imul(a ^ words[i], 0x9e3779b1);
    a = (a << 13) | (a >>> 19);
    b = imul(b ^ words[i + 1], 0x9e3779b1);
    b = (b << 13) | (b >>> 19);
    c = imul(c ^ words[i + 2], 0x9e3779b1);
    c = (c << 13) | (c >>> 19);
    d = imul(d ^ words[i + 3], 0x9e3779b1);
    d = (d << 13) | (d >>> 19);
  }
  for (let i = unrolled; i < count; i++) {
    a = imul(a ^ words[i], 0x9e3779b1);
    a = (a << 13) | (a >>> 19);
  }
  return mix32(a ^ imul(b, 3) ^ imul(c, 5) ^ imul(d, 7) ^ length);
}
