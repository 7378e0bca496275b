import { EntryId } from './entry-id';
import { SnapshotFormatError } from './match-index-errors';
import { SnapshotReader, SnapshotWriter } from './snapshot-sections';

const MODE_UINT32 = 0;
const MODE_GENERIC = 1;
const MAX_UINT32 = 0xffffffff;

function fitsUint32(id: EntryId): id is number {
  return typeof id === 'number' && id >= 0 && id <= MAX_UINT32 && Number.isInteger(id);
}

/**
 * Entry ids by slot. While every id is an integer in 0..2^32-1 (database keys) they live in a
 * Uint32Array, 4 bytes each; the first other id switches the column to a plain array (8 bytes
 * per slot plus the strings). At 10M entries that is 40 MB against 80 MB, and the array is
 * also invisible to the garbage collector.
 */
export class EntryIdColumn {
  private compact: Uint32Array | null;
  private values: EntryId[] | null;
  private count: number;

  private constructor(compact: Uint32Array | null, values: EntryId[] | null, count: number) {
    this.compact = compact;
    this.values = values;
    this.count = count;
  }

  static empty(): EntryIdColumn {
    return new EntryIdColumn(new Uint32Array(0), null, 0);
  }

  /** A column holding `ids` (which the caller must not modify afterwards). */
  static of(ids: EntryId[]): EntryIdColumn {
    for (let i = 0; i < ids.length; i++) {
      if (!fitsUint32(ids[i])) return new EntryIdColumn(null, ids, ids.length);
    }
    return new EntryIdColumn(Uint32Array.from(ids as number[]), null, ids.length);
  }

  static readFrom(reader: SnapshotReader, what: string): EntryIdColumn {
    const mode = reader.uint32(`${what} mode`);
    if (mode === MODE_UINT32) {
      const compact = reader.uint32Array(what);
      return new EntryIdColumn(compact, null, compact.length);
    }
    if (mode === MODE_GENERIC) {
      const values = reader.entryIds(what);
      return new EntryIdColumn(null, values, values.length);
    }
    throw new SnapshotFormatError(`${what}: unknown id column mode ${mode}`);
  }

  get length(): number {
    return this.count;
  }

  get(slot: number): EntryId {
    return this.compact !== null ? this.compact[slot] : (this.values as EntryId[])[slot];
  }

  push(id: EntryId): void {
    if (this.compact !== null) {
      if (fitsUint32(id)) {
        if (this.count === this.compact.length) {
          const grown = new Uint32Array(Math.max(this.count + 1, Math.ceil(this.count * 1.5), 256));
          grown.set(this.compact);
          this.compact = grown;
        }
        this.compact[this.count++] = id;
        return;
      }
      this.values = Array.from(this.compact.subarray(0, this.count));
      this.compact = null;
    }
    (this.values as EntryId[]).push(id);
    this.count++;
  }

  writeTo(writer: SnapshotWriter): void {
    if (this.compact !== null) {
      writer.uint32(MODE_UINT32);
      writer.array(this.compact.subarray(0, this.count));
    } else {
      writer.uint32(MODE_GENERIC);
      writer.entryIds(this.values as EntryId[]);
    }
  }

  memoryBytes(): number {
    if (this.compact !== null) return this.compact.byteLength;
    const values = this.values as EntryId[];
    let bytes = values.length * 8;
    for (let i = 0; i < values.length; i++) {
      const id = values[i];
      // V8 sequential strings: a 16-byte header plus 1 byte per Latin-1 character.
      if (typeof id === 'string') bytes += 16 + id.length;
    }
    return bytes;
  }
}
