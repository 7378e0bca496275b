import { EntryId, finishStringHash, hashEntryId } from './entry-id';
import { SnapshotFormatError } from './match-index-errors';
import { SnapshotReader, SnapshotWriter } from './snapshot-sections';

const MODE_UINT32 = 0;
const MODE_GENERIC = 1;
const MODE_UUID = 2;
type Mode = typeof MODE_UINT32 | typeof MODE_GENERIC | typeof MODE_UUID;

const MAX_UINT32 = 0xffffffff;
const UUID_LENGTH = 36;
/** Character positions of the 32 hex digits in a canonical UUID string. */
const UUID_DIGIT_POSITIONS = Uint8Array.from({ length: UUID_LENGTH }, (_, i) => i).filter((i) => ![8, 13, 18, 23].includes(i));
const HEX_CODES = Uint8Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
const imul = Math.imul;

function fitsUint32(id: EntryId): id is number {
  return typeof id === 'number' && id >= 0 && id <= MAX_UINT32 && Number.isInteger(id);
}

/**
 * Lowercase canonical UUIDs only: the stored form must give back exactly the string given.
 * A character loop rather than a regular expression: it runs for every id of a bulk load.
 */
function isCanonicalUuid(id: EntryId): id is string {
  if (typeof id !== 'string' || id.length !== UUID_LENGTH) return false;
  for (let i = 0; i < UUID_LENGTH; i++) {
    const c = id.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== 45) return false;
    } else if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) {
      return false;
    }
  }
  return true;
}

function modeFor(id: EntryId): Mode {
  if (fitsUint32(id)) return MODE_UINT32;
  if (isCanonicalUuid(id)) return MODE_UUID;
  return MODE_GENERIC;
}

/**
 * Entry ids by slot, stored as compactly as the ids allow:
 * - integers in 0..2^32-1 (database keys): a Uint32Array, 4 bytes each;
 * - canonical lowercase UUIDs (Vigil's own ids): 16 bytes each;
 * - anything else, or a mix: a plain array (8 bytes per slot plus the strings, ~64 bytes for a
 *   UUID string in V8).
 * At 10M entries that is 40 MB or 160 MB against 80 MB or 640 MB, kept off the JS heap where
 * millions of small objects would also slow every major GC (and so the query tail latency).
 * The first id that does not fit switches the column to a plain array.
 *
 * Slot-keyed lookups (`slotHasKey`, `hashOfSlot`) work on the stored form directly, so the
 * id → slot table never materialises strings while probing.
 */
export class EntryIdColumn {
  private mode: Mode;
  private packed: Uint32Array;
  private values: EntryId[];
  private count: number;
  /** The key bound by `bindKey`, pre-parsed for UUID mode. */
  private boundKey: EntryId = 0;
  private readonly boundUuid = new Uint32Array(4);
  private boundIsUuid = false;

  private constructor(mode: Mode, packed: Uint32Array, values: EntryId[], count: number) {
    this.mode = mode;
    this.packed = packed;
    this.values = values;
    this.count = count;
  }

  static empty(): EntryIdColumn {
    return new EntryIdColumn(MODE_UINT32, new Uint32Array(0), [], 0);
  }

  /** A column holding a copy of `ids`. */
  static of(ids: ReadonlyArray<EntryId>): EntryIdColumn {
    const mode = ids.length === 0 ? MODE_UINT32 : modeFor(ids[0]);
    for (let i = 1; i < ids.length && mode !== MODE_GENERIC; i++) {
      if (modeFor(ids[i]) !== mode) return new EntryIdColumn(MODE_GENERIC, new Uint32Array(0), ids.slice(), ids.length);
    }
    if (mode === MODE_GENERIC) return new EntryIdColumn(MODE_GENERIC, new Uint32Array(0), ids.slice(), ids.length);
    if (mode === MODE_UINT32) return new EntryIdColumn(MODE_UINT32, Uint32Array.from(ids as number[]), [], ids.length);
    const packed = new Uint32Array(ids.length * 4);
    for (let i = 0; i < ids.length; i++) parseUuid(ids[i] as string, packed, i * 4);
    return new EntryIdColumn(MODE_UUID, packed, [], ids.length);
  }

  static readFrom(reader: SnapshotReader, what: string): EntryIdColumn {
    const mode = reader.uint32(`${what} mode`);
    if (mode === MODE_UINT32) {
      const packed = reader.uint32Array(what);
      return new EntryIdColumn(MODE_UINT32, packed, [], packed.length);
    }
    if (mode === MODE_UUID) {
      const packed = reader.uint32Array(what);
      if (packed.length % 4 !== 0) throw new SnapshotFormatError(`${what}: UUID column length is not a multiple of 4`);
      return new EntryIdColumn(MODE_UUID, packed, [], packed.length / 4);
    }
    if (mode === MODE_GENERIC) {
      const values = reader.entryIds(what);
      return new EntryIdColumn(MODE_GENERIC, new Uint32Array(0), values, values.length);
    }
    throw new SnapshotFormatError(`${what}: unknown id column mode ${mode}`);
  }

  get length(): number {
    return this.count;
  }

  get(slot: number): EntryId {
    if (this.mode === MODE_UINT32) return this.packed[slot];
    if (this.mode === MODE_UUID) return formatUuid(this.packed, slot * 4);
    return this.values[slot];
  }

  push(id: EntryId): void {
    if (this.count === 0 && this.mode !== MODE_GENERIC) this.mode = modeFor(id);
    if (this.mode !== MODE_GENERIC && modeFor(id) !== this.mode) this.toGeneric();
    if (this.mode === MODE_GENERIC) {
      this.values.push(id);
    } else {
      const width = this.mode === MODE_UUID ? 4 : 1;
      this.reserve((this.count + 1) * width);
      if (this.mode === MODE_UUID) parseUuid(id as string, this.packed, this.count * 4);
      else this.packed[this.count] = id as number;
    }
    this.count++;
  }

  /** Makes `id` the key that `slotHasKey` compares against (parsed once, compared many times). */
  bindKey(id: EntryId): void {
    this.boundKey = id;
    this.boundIsUuid = this.mode === MODE_UUID && isCanonicalUuid(id);
    if (this.boundIsUuid) parseUuid(id as string, this.boundUuid, 0);
  }

  /** Binds the id stored at `slot` as the key, without materialising it. */
  bindSlot(slot: number): void {
    if (this.mode === MODE_UUID) {
      this.boundIsUuid = true;
      this.boundUuid.set(this.packed.subarray(slot * 4, slot * 4 + 4));
    } else {
      this.boundKey = this.mode === MODE_UINT32 ? this.packed[slot] : this.values[slot];
      this.boundIsUuid = false;
    }
  }

  /** Whether the id at `slot` equals the key bound by `bindKey`. */
  slotHasKey(slot: number): boolean {
    if (this.mode === MODE_UINT32) return this.packed[slot] === this.boundKey;
    if (this.mode === MODE_GENERIC) return this.values[slot] === this.boundKey;
    if (!this.boundIsUuid) return false;
    const o = slot * 4;
    const key = this.boundUuid;
    return this.packed[o] === key[0] && this.packed[o + 1] === key[1] && this.packed[o + 2] === key[2] && this.packed[o + 3] === key[3];
  }

  /** `hashEntryId` of the id at `slot`, without building the string in UUID mode. */
  hashOfSlot(slot: number): number {
    if (this.mode !== MODE_UUID) return hashEntryId(this.get(slot));
    // Same FNV-1a over the canonical string's code units as hashEntryId, digit by digit.
    let h = 0x811c9dc5;
    let digit = 0;
    for (let c = 0; c < UUID_LENGTH; c++) {
      let code = 45; // '-'
      if (UUID_DIGIT_POSITIONS[digit] === c) {
        const word = this.packed[slot * 4 + (digit >>> 3)];
        code = HEX_CODES[(word >>> (28 - 4 * (digit & 7))) & 15];
        digit++;
      }
      h = imul(h ^ code, 0x01000193);
    }
    return finishStringHash(h);
  }

  writeTo(writer: SnapshotWriter): void {
    writer.uint32(this.mode);
    if (this.mode === MODE_GENERIC) writer.entryIds(this.values);
    else writer.array(this.packed.subarray(0, this.count * (this.mode === MODE_UUID ? 4 : 1)));
  }

  memoryBytes(): number {
    if (this.mode !== MODE_GENERIC) return this.packed.byteLength;
    let bytes = this.values.length * 8;
    for (let i = 0; i < this.values.length; i++) {
      const id = this.values[i];
      // V8 sequential strings: a 16-byte header plus 1 byte per Latin-1 character, 8-aligned.
      if (typeof id === 'string') bytes += 16 + Math.ceil(id.length / 8) * 8;
    }
    return bytes;
  }

  private toGeneric(): void {
    const values = new Array<EntryId>(this.count);
    for (let slot = 0; slot < this.count; slot++) values[slot] = this.get(slot);
    this.values = values;
    this.packed = new Uint32Array(0);
    this.mode = MODE_GENERIC;
  }

  private reserve(words: number): void {
    if (words <= this.packed.length) return;
    const grown = new Uint32Array(Math.max(words, Math.ceil(this.packed.length * 1.5), 256));
    grown.set(this.packed);
    this.packed = grown;
  }
}

function parseUuid(uuid: string, target: Uint32Array, offset: number): void {
  for (let w = 0; w < 4; w++) {
    let word = 0;
    for (let d = 8 * w; d < 8 * w + 8; d++) {
      const code = uuid.charCodeAt(UUID_DIGIT_POSITIONS[d]);
      word = (word << 4) | (code <= 57 ? code - 48 : code - 87);
    }
    target[offset + w] = word >>> 0;
  }
}

function formatUuid(source: Uint32Array, offset: number): string {
  let hex = '';
  for (let w = 0; w < 4; w++) hex += source[offset + w].toString(16).padStart(8, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
