import { ValidationError } from '@vigil/kernel';
import { PdqHash } from '../../domain/pdq/pdq-hash';
import { decodeHashQuery, parseHashQueries } from './hash-query';
import { flipBits, InMemoryBankEntries } from './in-memory-bank-entries.test-util';
import { KnownMediaLookup } from './known-media-lookup';
import { MatchHashesUseCase, type VideoHashes } from './match-hashes.use-case';

const KNOWN_PDQ = 'f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22';
const KNOWN_SHA256 = 'a'.repeat(64);
const KNOWN_MD5 = 'b'.repeat(32);

describe('MatchHashesUseCase', () => {
  let data: InMemoryBankEntries;
  let useCase: MatchHashesUseCase;

  beforeEach(() => {
    data = new InMemoryBankEntries();
    data.bank('known', 'positive', 20);
    data.entry('e-pdq', 'known', 'pdq', KNOWN_PDQ, { series: 'series-1', classification: 'csam-b1' });
    data.entry('e-sha', 'known', 'sha256', KNOWN_SHA256);
    data.entry('e-md5', 'known', 'md5', KNOWN_MD5);
    useCase = new MatchHashesUseCase(new KnownMediaLookup(data, data));
  });

  it('answers an exact digest with its bank, entry, classification and the rule', async () => {
    const [result] = await useCase.execute([{ type: 'sha256', value: KNOWN_SHA256.toUpperCase() }]);
    expect(result).toMatchObject({
      hash: KNOWN_SHA256,
      type: 'sha256',
      matched: true,
      matchKind: 'exact',
      distance: 0,
      classification: 'csam-a1',
      bank: { id: 'known', name: 'known bank', source: 'synthetic', owner: 'tests', terms: 'test only' },
      entryId: 'e-sha',
      reason: 'sha256 equal to entry e-sha of bank "known bank"',
    });
  });

  it('answers a PDQ near match, in hex or base64, with its distance', async () => {
    const near = flipBits(KNOWN_PDQ, 7);
    const base64 = PdqHash.fromHex(near).toBase64();
    const [byHex, byBase64] = await useCase.execute([
      { type: 'pdq', value: near },
      { type: 'pdq', value: base64 },
    ]);
    for (const result of [byHex, byBase64]) {
      expect(result).toMatchObject({ hash: near, matched: true, matchKind: 'near', distance: 7, entryId: 'e-pdq', series: 'series-1', classification: 'csam-b1' });
      expect(result.reason).toBe('PDQ within 7 bits (threshold 20) of entry e-pdq of bank "known bank"');
      expect(result.matchingEntries).toEqual([{ entryId: 'e-pdq', bankId: 'known', bankName: 'known bank', classification: 'csam-b1', distance: 7 }]);
    }
  });

  it('applies the bank threshold and says why nothing matched', async () => {
    const [beyond, unknown] = await useCase.execute([
      { type: 'pdq', value: flipBits(KNOWN_PDQ, 25) },
      { type: 'md5', value: 'c'.repeat(32) },
    ]);
    expect(beyond).toMatchObject({ matched: false, reason: 'entries were found but none counts: disabled, or beyond their bank’s PDQ threshold', matchingEntries: [] });
    expect(unknown).toMatchObject({ matched: false, reason: 'no bank entry has this md5' });
    expect(unknown.bank).toBeUndefined();
  });

  it('does not match on a PDQ hash whose stated quality is below 50', async () => {
    const [result] = await useCase.execute([{ type: 'pdq', value: KNOWN_PDQ, quality: 30 }]);
    expect(result).toMatchObject({ matched: false, reason: 'PDQ quality below 50: not matched on, as PDQ specifies' });
  });

  it('lets a negative bank suppress the match and names it', async () => {
    data.bank('false-positives', 'negative');
    data.entry('e-neg', 'false-positives', 'md5', KNOWN_MD5);
    const [result] = await useCase.execute([{ type: 'md5', value: KNOWN_MD5 }]);
    expect(result).toMatchObject({ matched: false, reason: 'suppressed: md5 equal to entry e-neg of negative bank "false-positives bank" (a known false positive)' });
  });

  it('looks a whole batch up in one digest query and one entry query', async () => {
    const results = await useCase.execute([
      { type: 'sha256', value: KNOWN_SHA256 },
      { type: 'md5', value: KNOWN_MD5 },
      { type: 'pdq', value: KNOWN_PDQ },
      { type: 'pdq', value: flipBits(KNOWN_PDQ, 3) },
    ]);
    expect(results.map((result) => result.matched)).toEqual([true, true, true, true]);
    expect(data.queries).toBe(2);
  });

  it('refuses the whole request when one hash is malformed, naming it', async () => {
    await expect(useCase.execute([{ type: 'sha256', value: KNOWN_SHA256 }, { type: 'pdq', value: 'xyz' }])).rejects.toThrow(
      'hashes[1].value: a pdq hash is 64 hexadecimal characters or 44 characters of base64 (32 bytes)',
    );
    await expect(useCase.execute([])).rejects.toThrow(/hashes: send from 1 to 1000 hashes/);
  });

  it('matches a file by all its hashes together and by each one', async () => {
    const { verdict, results } = await useCase.matchFile({ sha256: 'd'.repeat(64), sha1: 'e'.repeat(40), md5: KNOWN_MD5, bytes: 10, pdq: flipBits(KNOWN_PDQ, 2), quality: 90 });
    expect(verdict).toMatchObject({ matched: true, matchKind: 'exact', entryId: 'e-md5' });
    expect(verdict.matchingEntries.map((entry) => entry.entryId).sort()).toEqual(['e-md5', 'e-pdq']);
    expect(results.map((result) => [result.type, result.matched, result.matchKind])).toEqual([
      ['sha256', false, undefined],
      ['sha1', false, undefined],
      ['md5', true, 'exact'],
      ['pdq', true, 'near'],
    ]);
  });

  describe('videos: the file’s digests, then each sampled frame against the PDQ entries', () => {
    const unknownDigests = { sha256: 'c'.repeat(64), sha1: 'd'.repeat(40), md5: 'e'.repeat(32), bytes: 1000 };
    const frame = (second: number, hex: string, quality = 90) => ({ frameNumber: second * 25, timestampSeconds: second, pdq: PdqHash.fromHex(hex), quality });
    const other = flipBits(KNOWN_PDQ, 128);

    it('matches a video when some of its frames are near a known entry, saying which and how many', async () => {
      const video: VideoHashes = { ...unknownDigests, frames: [frame(0, other), frame(1, flipBits(KNOWN_PDQ, 6)), frame(2, flipBits(KNOWN_PDQ, 3)), frame(3, other), frame(4, KNOWN_PDQ, 20)] };
      const answer = await useCase.matchVideo(video);
      expect(answer.frames).toEqual({
        sampled: 5,
        usable: 4,
        matched: 2,
        matchedPercent: 50,
        matches: [
          { frameNumber: 25, timestampSeconds: 1, distance: 6, entryId: 'e-pdq', bankName: 'known bank', classification: 'csam-b1' },
          { frameNumber: 50, timestampSeconds: 2, distance: 3, entryId: 'e-pdq', bankName: 'known bank', classification: 'csam-b1' },
        ],
      });
      expect(answer.verdict).toMatchObject({ matched: true, matchKind: 'near', distance: 3, entryId: 'e-pdq' });
      expect(answer.verdict.reason).toMatch(/^2 of 4 usable sampled frames \(50%\) match known entries; closest at 2\.0 s: PDQ within 3 bits/);
      expect(answer.results.map((result) => [result.type, result.matched])).toEqual([['sha256', false], ['sha1', false], ['md5', false]]);
    });

    it('matches on the file’s digest first, and says why nothing matched otherwise', async () => {
      const exact = await useCase.matchVideo({ ...unknownDigests, md5: KNOWN_MD5, frames: [frame(0, other)] });
      expect(exact.verdict).toMatchObject({ matched: true, matchKind: 'exact', entryId: 'e-md5' });
      const none = await useCase.matchVideo({ ...unknownDigests, frames: [frame(0, other), frame(1, other)] });
      expect(none.verdict.matched).toBe(false);
      expect(none.verdict.reason).toBe('no bank entry matches this file’s digests, nor does any of its 2 usable sampled frames');
      const flat = await useCase.matchVideo({ ...unknownDigests, frames: [frame(0, KNOWN_PDQ, 0)] });
      expect(flat.frames.matched).toBe(0);
      expect(flat.verdict.reason).toContain('no sampled frame has PDQ quality 50 or more');
    });

    it('looks each distinct frame hash up once, however long a still scene lasts', async () => {
      const lookups = jest.spyOn(data, 'findNear');
      await useCase.matchVideo({ ...unknownDigests, frames: Array.from({ length: 30 }, (_, second) => frame(second, other)) });
      expect(lookups).toHaveBeenCalledTimes(1);
    });
  });
});

describe('decodeHashQuery', () => {
  it('takes hex in any case and canonical base64, and returns lowercase hex', () => {
    expect(decodeHashQuery('md5', 'ABCDEF0123456789ABCDEF0123456789', 'hashes[0]')).toBe('abcdef0123456789abcdef0123456789');
    const sha1 = Buffer.from('0123456789abcdef0123456789abcdef01234567', 'hex');
    expect(decodeHashQuery('sha1', sha1.toString('base64'), 'hashes[0]')).toBe('0123456789abcdef0123456789abcdef01234567');
    expect(decodeHashQuery('pdq', PdqHash.fromHex(KNOWN_PDQ).toBase64(), 'hashes[0]')).toBe(KNOWN_PDQ);
  });

  it('names the field and the expected form when a value is wrong', () => {
    const cases: Array<[string, unknown, RegExp]> = [
      ['sha256', 'abc', /^hashes\[2\]\.value: a sha256 hash is 64 hexadecimal characters or 44 characters of base64 \(32 bytes\)$/],
      ['md5', 'g'.repeat(32), /hashes\[2\]\.value: a md5 hash is 32 hexadecimal/],
      ['md5', 'AAAAAAAAAAAAAAAAAAAAAB==', /hashes\[2\]\.value: a md5 hash/], // non-canonical padding bits
      ['pdq', `${'A'.repeat(43)}B`, /hashes\[2\]\.value: invalid PDQ hash: a PDQ hash in base64 is 44 characters/],
      ['pdq', `${'A'.repeat(42)}B=`, /hashes\[2\]\.value: invalid PDQ hash: .*non-zero padding bits/],
      ['sha1', 42, /hashes\[2\]\.value: a sha1 hash/],
      ['tlsh', 'abc', /^hashes\[2\]\.type: must be one of md5, sha1, sha256, pdq$/],
    ];
    for (const [type, value, message] of cases) {
      let thrown: unknown;
      try {
        decodeHashQuery(type, value, 'hashes[2]');
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ValidationError);
      expect((thrown as Error).message).toMatch(message);
      expect((thrown as ValidationError).field).toMatch(/^hashes\[2\]\.(value|type)$/);
    }
  });
});

describe('parseHashQueries', () => {
  it('takes {hashes: [{type, value, quality?}]}', () => {
    expect(parseHashQueries({ hashes: [{ type: 'pdq', value: KNOWN_PDQ, quality: 80 }, { type: 'md5', value: KNOWN_MD5 }] }, 10)).toEqual([
      { type: 'pdq', value: KNOWN_PDQ, quality: 80 },
      { type: 'md5', value: KNOWN_MD5, quality: undefined },
    ]);
  });

  it('names the field of every shape error', () => {
    const cases: Array<[unknown, string, RegExp]> = [
      ['text', 'body', /must be a JSON object/],
      [{}, 'hashes', /^hashes: send hashes as JSON/],
      [{ hashes: [], extra: 1 }, 'extra', /unknown property/],
      [{ hashes: [] }, 'hashes', /must be an array of 1 to 3 hashes/],
      [{ hashes: [{}, {}, {}, {}] }, 'hashes', /1 to 3/],
      [{ hashes: ['abc'] }, 'hashes[0]', /must be an object/],
      [{ hashes: [{ type: 'md5', value: KNOWN_MD5 }, { type: 'md5', value: KNOWN_MD5, colour: 'red' }] }, 'hashes[1].colour', /unknown property/],
      [{ hashes: [{ type: 'MD5', value: KNOWN_MD5 }] }, 'hashes[0].type', /must be one of md5, sha1, sha256, pdq/],
      [{ hashes: [{ type: 'md5', value: 5 }] }, 'hashes[0].value', /must be a string/],
      [{ hashes: [{ type: 'pdq', value: KNOWN_PDQ, quality: 101 }] }, 'hashes[0].quality', /integer from 0 to 100/],
    ];
    for (const [body, field, message] of cases) {
      let thrown: ValidationError | undefined;
      try {
        parseHashQueries(body, 3);
      } catch (error) {
        thrown = error as ValidationError;
      }
      expect(thrown).toBeInstanceOf(ValidationError);
      expect(thrown?.field).toBe(field);
      expect(thrown?.message).toMatch(message);
    }
  });
});
