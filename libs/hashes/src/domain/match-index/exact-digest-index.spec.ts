import { ExactDigestIndex, normalizeDigest } from './exact-digest-index';
import { InvalidDigestError, InvalidEntryIdError, SnapshotFormatError } from './match-index-errors';

const MD5 = '9e107d9d372bb6826bd81d3542a419d6';
const SHA1 = '2fd4e1c67a2d28fced849ee1bb76e7391b93eb12';
const SHA256 = 'd7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592';

describe('ExactDigestIndex', () => {
  it('looks digests up case-insensitively, per algorithm', () => {
    const index = new ExactDigestIndex();
    expect(index.add('md5', MD5.toUpperCase(), 1)).toBe(true);
    index.add('sha1', SHA1, 1);
    index.add('sha256', SHA256, 'entry-b');
    expect(index.lookup('md5', MD5)).toEqual([1]);
    expect(index.lookup('sha1', SHA1.toUpperCase())).toEqual([1]);
    expect(index.lookup('sha256', SHA256)).toEqual(['entry-b']);
    expect(index.lookup('sha256', SHA256.replace('d7', 'd8'))).toEqual([]);
    expect(index.has('md5', MD5)).toBe(true);
    expect(index.size).toBe(3);
    expect(index.entryCount).toBe(2);
  });

  it('accepts raw digest bytes', () => {
    const index = new ExactDigestIndex();
    const bytes = Uint8Array.from(MD5.match(/../g) ?? [], (pair) => parseInt(pair, 16));
    index.add('md5', bytes, 5);
    expect(index.lookup('md5', MD5)).toEqual([5]);
    expect(normalizeDigest('md5', bytes)).toBe(MD5);
  });

  it('keeps a set of ids per digest, sorted, without duplicates', () => {
    const index = new ExactDigestIndex();
    expect(index.add('sha1', SHA1, 'z')).toBe(true);
    expect(index.add('sha1', SHA1, 3)).toBe(true);
    expect(index.add('sha1', SHA1, 1)).toBe(true);
    expect(index.add('sha1', SHA1.toUpperCase(), 3)).toBe(false);
    expect(index.lookup('sha1', SHA1)).toEqual([1, 3, 'z']);
    expect(index.pairCount).toBe(3);
    expect(index.size).toBe(1);
  });

  it('removes one association, then the digest once no entry has it', () => {
    const index = new ExactDigestIndex();
    index.add('md5', MD5, 1);
    index.add('md5', MD5, 2);
    expect(index.remove('md5', MD5, 1)).toBe(true);
    expect(index.remove('md5', MD5, 1)).toBe(false);
    expect(index.lookup('md5', MD5)).toEqual([2]);
    expect(index.remove('md5', MD5, 2)).toBe(true);
    expect(index.has('md5', MD5)).toBe(false);
    expect(index.size).toBe(0);
    expect(index.pairCount).toBe(0);
  });

  it('disables an entry: all its digests go, other entries keep theirs', () => {
    const index = new ExactDigestIndex();
    index.add('md5', MD5, 1);
    index.add('sha1', SHA1, 1);
    index.add('sha256', SHA256, 1);
    index.add('sha256', SHA256, 2);
    expect(index.digestsOf(1)).toEqual([
      { algorithm: 'md5', digest: MD5 },
      { algorithm: 'sha1', digest: SHA1 },
      { algorithm: 'sha256', digest: SHA256 },
    ]);
    expect(index.removeEntry(1)).toBe(3);
    expect(index.removeEntry(1)).toBe(0);
    expect(index.lookup('md5', MD5)).toEqual([]);
    expect(index.lookup('sha256', SHA256)).toEqual([2]);
    expect(index.size).toBe(1);
    expect(index.entryCount).toBe(1);
    expect(index.digestsOf(1)).toEqual([]);
  });

  it('round-trips through a snapshot', () => {
    const index = new ExactDigestIndex();
    index.add('md5', MD5, 1);
    index.add('sha1', SHA1, 'b');
    index.add('sha1', SHA1, 2);
    index.add('sha256', SHA256, 'c');
    const restored = ExactDigestIndex.deserialize(index.serialize());
    expect(restored.lookup('md5', MD5)).toEqual([1]);
    expect(restored.lookup('sha1', SHA1)).toEqual([2, 'b']);
    expect(restored.lookup('sha256', SHA256)).toEqual(['c']);
    expect(restored.pairCount).toBe(4);
    const corrupt = index.serialize();
    corrupt[20] ^= 4;
    expect(() => ExactDigestIndex.deserialize(corrupt)).toThrow(SnapshotFormatError);
  });

  describe('errors name the problem', () => {
    const index = new ExactDigestIndex();

    it('an unknown algorithm', () => {
      expect(() => index.lookup('sha512' as 'sha256', SHA256)).toThrow(InvalidDigestError);
      expect(() => index.lookup('sha512' as 'sha256', SHA256)).toThrow('unknown digest algorithm "sha512" (expected md5, sha1 or sha256)');
    });

    it('a digest of another algorithm’s length', () => {
      expect(() => index.add('sha1', MD5, 1)).toThrow('a sha1 digest has 40 hex characters, got 32');
      expect(() => index.lookup('md5', new Uint8Array(20))).toThrow('an md5 digest has 16 bytes, got 20');
    });

    it('a non-hex character, with its position', () => {
      expect(() => index.lookup('md5', MD5.slice(0, 31) + 'x')).toThrow('invalid hex character "x" at position 31 of an md5 digest');
    });

    it('an invalid entry id', () => {
      expect(() => index.add('md5', MD5, 2.5)).toThrow(InvalidEntryIdError);
      expect(index.size).toBe(0);
    });
  });
});
