import type { HashEntryProps } from '../banks/hash-bank';
import { md5, pdq, sha1, sha256 } from './__fixtures__/synthetic-hashes';
import { bankFileWriter, parseBankFile } from './bank-file-formats';

const parse = (text: string) => parseBankFile('ncmec', text, { bankKind: 'positive' });

describe('NCMEC-style hash lists', () => {
  it('reads CSV with several hash columns per row and the industry category', () => {
    const parsed = parse(`MD5,SHA1,PDQ,Category\n${md5(1)},${sha1(1)},,A1\n,,${pdq(2)},b2\n${md5(3)},,,C1\n,,,A2\n`);
    expect(parsed.entries.map((entry) => [entry.row, entry.hashType, entry.value, entry.classification])).toEqual([
      [2, 'md5', md5(1), 'csam-a1'],
      [2, 'sha1', sha1(1), 'csam-a1'],
      [3, 'pdq', pdq(2), 'csam-b2'],
    ]);
    expect(parsed.rejections.map((rejection) => [rejection.row, rejection.reason, rejection.detail])).toEqual([
      [4, 'unknown-classification', 'category "C1" is not one of A1, A2, B1, B2'],
      [5, 'missing-hash', 'no md5, sha1, sha256, pdq value'],
    ]);
  });

  it('reads JSON, as a list or as {"hashes": [...]}', () => {
    const items = [{ md5: md5(1), category: 'A2' }, { sha256: sha256(2), category: 'B1' }, 42];
    for (const document of [items, { hashes: items }]) {
      const parsed = parse(JSON.stringify(document));
      expect(parsed.entries.map((entry) => [entry.row, entry.hashType, entry.classification])).toEqual([
        [1, 'md5', 'csam-a2'],
        [2, 'sha256', 'csam-b1'],
      ]);
      expect(parsed.rejections).toEqual([{ row: 3, reason: 'malformed-row', detail: 'an item is a JSON object' }]);
    }
  });

  it('refuses a CSV without a hash column or a category, and JSON of another shape, as a whole', () => {
    expect(() => parse('url,category\nx,A1\n')).toThrow(/^file: the header row names no hash column/);
    expect(() => parse(`md5\n${md5(1)}\n`)).toThrow(/^file: the header row lacks the column category/);
    expect(() => parse('{"items": []}')).toThrow(/^file: an NCMEC-style JSON list is an array/);
  });

  it('writes graded CSAM entries only, one hash per row, readable back', () => {
    const entries: HashEntryProps[] = [
      entry({ hashType: 'md5', value: md5(1), classification: 'csam-a1' }),
      entry({ hashType: 'pdq', value: pdq(2), classification: 'csam-b2' }),
      entry({ hashType: 'sha1', value: sha1(3), classification: 'harmful-abusive-material' }),
      entry({ hashType: 'sha1', value: sha1(4), classification: 'csam' }),
    ];
    const writer = bankFileWriter('ncmec');
    const page = writer.write(entries);
    expect(page.written).toBe(2);
    const text = writer.begin() + page.text + writer.end();
    expect(text).toBe(`md5,sha1,sha256,pdq,category\n${md5(1)},,,,A1\n,,,${pdq(2)},B2\n`);
    expect(parse(text).entries.map((read) => [read.hashType, read.value, read.classification])).toEqual([
      ['md5', md5(1), 'csam-a1'],
      ['pdq', pdq(2), 'csam-b2'],
    ]);
  });
});

function entry(extra: Partial<HashEntryProps>): HashEntryProps {
  return { id: 'e', bankId: 'b', hashType: 'md5', value: md5(0), classification: 'csam-a1', victimIdentified: false, addedBy: 'x', addedAt: '2026-01-01T00:00:00.000Z', ...extra };
}
