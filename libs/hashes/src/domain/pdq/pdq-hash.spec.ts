import { InvalidPdqHash, PdqHash } from './pdq-hash';

// Two hashes from the reference vectors: bridge-1's derived rot90, and the hash of the bridge
// photo actually rotated by 90°; the reference README says they are 14 bits apart.
const BRIDGE_1_ROT90 = 'f0a10efd51c83d429053d48d0fffbc52e34e0e17ada956a9d29685211ea9e58f';
const BRIDGE_2_ROTATED = '30a10efdf1c83f429013d48d0ffffc52e34e0e35ada952a9d29605215aa9e5af';

describe('PdqHash', () => {
  it('round-trips hex in the reference layout (lowercase out, either case in)', () => {
    expect(PdqHash.fromHex(BRIDGE_2_ROTATED).toHex()).toBe(BRIDGE_2_ROTATED);
    expect(PdqHash.fromHex(BRIDGE_2_ROTATED.toUpperCase()).toHex()).toBe(BRIDGE_2_ROTATED);
  });

  it('reads the hex as a big-endian 256-bit number: the last 4 digits are DCT row 0', () => {
    const lowest = PdqHash.fromHex('0'.repeat(63) + '1');
    expect(lowest.bit(0)).toBe(true); // row 0, column 0
    expect(lowest.bitCount()).toBe(1);
    const highest = PdqHash.fromHex('8' + '0'.repeat(63));
    expect(highest.bit(255)).toBe(true); // row 15, column 15
    const row1col0 = PdqHash.fromSetBits((k) => k === 16);
    expect(row1col0.toHex()).toBe('0'.repeat(59) + '10000');
  });

  it('round-trips base64 of the 32 big-endian bytes', () => {
    const hash = PdqHash.fromHex(BRIDGE_1_ROT90);
    const base64 = hash.toBase64();
    expect(base64).toBe(Buffer.from(BRIDGE_1_ROT90, 'hex').toString('base64'));
    expect(PdqHash.fromBase64(base64).equals(hash)).toBe(true);
    expect(Buffer.from(hash.toBytes()).toString('hex')).toBe(BRIDGE_1_ROT90);
    expect(PdqHash.fromBytes(hash.toBytes()).toHex()).toBe(BRIDGE_1_ROT90);
  });

  it('round-trips many random hashes through hex, base64 and bytes', () => {
    let seed = 12345;
    const nextByte = (): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed >>> 24;
    };
    for (let i = 0; i < 200; i++) {
      const bytes = Uint8Array.from({ length: 32 }, nextByte);
      const hex = Buffer.from(bytes).toString('hex');
      const hash = PdqHash.fromBytes(bytes);
      expect(hash.toHex()).toBe(hex);
      expect(hash.toBase64()).toBe(Buffer.from(bytes).toString('base64'));
      expect(PdqHash.fromBase64(hash.toBase64()).toHex()).toBe(hex);
    }
  });

  it('computes the Hamming distance', () => {
    const a = PdqHash.fromHex(BRIDGE_1_ROT90);
    const b = PdqHash.fromHex(BRIDGE_2_ROTATED);
    expect(a.hammingDistance(b)).toBe(14);
    expect(b.hammingDistance(a)).toBe(14);
    expect(a.hammingDistance(a)).toBe(0);
    expect(PdqHash.zero().hammingDistance(PdqHash.fromHex('f'.repeat(64)))).toBe(256);
    expect(PdqHash.zero().hammingDistance(PdqHash.fromHex('8000000000000001'.repeat(4)))).toBe(8);
  });

  it('serialises to its hex in JSON and strings', () => {
    const hash = PdqHash.fromHex(BRIDGE_1_ROT90);
    expect(JSON.stringify({ hash })).toBe(`{"hash":"${BRIDGE_1_ROT90}"}`);
    expect(String(hash)).toBe(BRIDGE_1_ROT90);
  });

  it.each([
    ['too short', 'abc', /64 characters, got 3/],
    ['too long', '0'.repeat(65), /64 characters, got 65/],
    ['not hex', 'g'.repeat(64), /only the characters 0-9 and a-f/],
    ['with spaces', ' ' + '0'.repeat(63), /only the characters/],
  ])('rejects hex that is %s', (_case, hex, message) => {
    expect(() => PdqHash.fromHex(hex)).toThrow(InvalidPdqHash);
    expect(() => PdqHash.fromHex(hex)).toThrow(message);
  });

  it.each([
    ['too short', 'AAAA'],
    ['missing padding', 'A'.repeat(44)],
    ['not base64', '!'.repeat(43) + '='],
    ['24 bytes', Buffer.alloc(24).toString('base64')],
  ])('rejects base64 that is %s', (_case, base64) => {
    expect(() => PdqHash.fromBase64(base64)).toThrow(InvalidPdqHash);
    expect(() => PdqHash.fromBase64(base64)).toThrow(/base64/);
  });

  it('rejects non-canonical base64 (padding bits set)', () => {
    const canonical = Buffer.alloc(32).toString('base64');
    const sloppy = canonical.slice(0, 42) + 'B=';
    expect(() => PdqHash.fromBase64(sloppy)).toThrow(/padding bits/);
  });

  it('rejects a byte array of the wrong length, and is a validation error', () => {
    expect(() => PdqHash.fromBytes(new Uint8Array(31))).toThrow(/32 bytes, got 31/);
    try {
      PdqHash.fromHex('x');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidPdqHash);
      expect((error as InvalidPdqHash).kind).toBe('validation');
    }
  });

  it('rejects out-of-range bit indices', () => {
    expect(() => PdqHash.zero().bit(256)).toThrow(RangeError);
  });
});
