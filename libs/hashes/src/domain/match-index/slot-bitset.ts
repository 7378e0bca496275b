/** A growable set of slot numbers, one bit per slot (tombstones for removed entries). */
export class SlotBitset {
  constructor(private bits: Uint32Array = new Uint32Array(0)) {}

  /** Wraps a bit array read from a snapshot. */
  static of(bits: Uint32Array): SlotBitset {
    return new SlotBitset(bits);
  }

  get words(): Uint32Array {
    return this.bits;
  }

  has(slot: number): boolean {
    return ((this.bits[slot >>> 5] >>> (slot & 31)) & 1) === 1;
  }

  add(slot: number): void {
    this.reserve(slot + 1);
    this.bits[slot >>> 5] |= 1 << (slot & 31);
  }

  /** Number of slots in the set among the first `slotCount`. */
  count(slotCount: number): number {
    let total = 0;
    for (let slot = 0; slot < slotCount; slot++) if (this.has(slot)) total++;
    return total;
  }

  reserve(slotCount: number): void {
    const needed = (slotCount + 31) >>> 5;
    if (needed <= this.bits.length) return;
    const grown = new Uint32Array(Math.max(needed, Math.ceil(this.bits.length * 1.5), 64));
    grown.set(this.bits);
    this.bits = grown;
  }

  memoryBytes(): number {
    return this.bits.byteLength;
  }
}
