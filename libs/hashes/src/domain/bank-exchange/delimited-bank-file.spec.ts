import { ValidationError } from '@vigil/kernel';
import type { HashEntryProps } from '../banks/hash-bank';
import { md5, pdq, sha1, sha256 } from './__fixtures__/synthetic-hashes';
import { bankFileWriter, parseBankFile } from './bank-file-formats';

const parse = (text: string, format: 'csv' | 'tsv' = 'csv') => parseBankFile(format, text, { bankKind: 'positive' });

describe('CSV and TSV bank files', () => {
  it('reads every column, in any order and case, with quoted fields and aliases for the industry scale', () => {
    const text = [
      'Notes,VALUE,hash_type,classification,series,victim_identified,extra',
      `"seen twice, once cropped",${md5(1)},md5,csam-a1,S-1,true,ignored`,
      `"two\nlines",${sha1(2).toUpperCase()},SHA1,A2,,no,`,
      `,${pdq(3)},pdq,cgi-animation,S-2,,`,
    ].join('\n');
    const parsed = parse(text);
    expect(parsed.rejections).toEqual([]);
    expect(parsed.entries).toEqual([
      { row: 2, hashType: 'md5', value: md5(1), classification: 'csam-a1', series: 'S-1', victimIdentified: true, notes: 'seen twice, once cropped' },
      { row: 4, hashType: 'sha1', value: sha1(2), classification: 'csam-a2', series: undefined, victimIdentified: false, notes: 'two\nlines' },
      { row: 5, hashType: 'pdq', value: pdq(3), classification: 'cgi-animation', series: 'S-2', victimIdentified: false, notes: undefined },
    ]);
  });

  it('refuses bad rows one by one, with the line and the reason, and keeps the good ones', () => {
    const text = [
      'hash_type,value,classification,victim_identified',
      `md5,${md5(1).slice(0, 31)},csam-a1,`, // 2: one character short
      `md5,${'z'.repeat(32)},csam-a1,`, // 3: not hex
      `crc32,deadbeef,csam-a1,`, // 4: unknown type
      `sha256,${sha256(4)},csam-a9,`, // 5: unknown grade
      `sha256,${sha256(5)},Child Abuse,`, // 6: free text is not a label
      `md5,${md5(6)},csam-b1,maybe`, // 7: flag
      `md5,,csam-b1,`, // 8: no value
      `md5,${md5(9)},csam-b2,`, // 9: good
      `md5,${md5(9).toUpperCase()},csam-b2,`, // 10: same hash, other case
    ].join('\n');
    const parsed = parse(text);
    expect(parsed.entries.map((entry) => entry.row)).toEqual([9]);
    expect(parsed.rejections.map((rejection) => [rejection.row, rejection.reason])).toEqual([
      [2, 'bad-hash-value'],
      [3, 'bad-hash-value'],
      [4, 'unknown-hash-type'],
      [5, 'unknown-classification'],
      [6, 'unknown-classification'],
      [7, 'bad-victim-identified'],
      [8, 'missing-hash'],
      [10, 'duplicate-in-file'],
    ]);
    expect(parsed.rejections[0].detail).toBe('a md5 hash is 32 hexadecimal characters, got 31 characters');
    expect(parsed.rejections[7].detail).toBe('the same md5 as row 9');
  });

  it('refuses a record the tokenizer cannot read as a malformed row, keeping the rows before it', () => {
    const parsed = parse(`hash_type,value,classification\nmd5,${md5(1)},csam-a1\nmd5,"${md5(2)},csam-a1\n`);
    expect(parsed.entries.map((entry) => entry.value)).toEqual([md5(1)]);
    expect(parsed.rejections).toEqual([{ row: 3, reason: 'malformed-row', detail: expect.stringMatching(/Quote Not Closed/) }]);
  });

  it('refuses a file without the required header columns, or empty, as a whole', () => {
    expect(() => parse(`hash,classification\n${md5(1)},csam-a1`)).toThrow(new ValidationError('file: the header row lacks the columns hash_type, value (found: hash, classification)', 'file'));
    expect(() => parse('')).toThrow(ValidationError);
    let caught: unknown;
    try {
      parse('\n\n');
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ field: 'file', message: 'file: the file is empty: a CSV file starts with a header row' });
  });

  it('reads TSV, a byte-order mark and Windows line ends', () => {
    const parsed = parse(`\uFEFFhash_type\tvalue\tclassification\tnotes\r\nmd5\t${md5(7)}\tharmful-abusive-material\ta, b\r\n`, 'tsv');
    expect(parsed.entries).toEqual([{ row: 2, hashType: 'md5', value: md5(7), classification: 'harmful-abusive-material', victimIdentified: false, notes: 'a, b', series: undefined }]);
  });

  it.each(['csv', 'tsv'] as const)('writes %s that reads back as the same entries', (format) => {
    const entries: HashEntryProps[] = [
      entry({ hashType: 'md5', value: md5(1), notes: 'quote " comma , tab \t and\nnewline' }),
      entry({ hashType: 'pdq', value: pdq(2), series: 'S-9', victimIdentified: true, classification: 'harmful-abusive-material' }),
    ];
    const writer = bankFileWriter(format);
    const page = writer.write(entries);
    expect(page.written).toBe(2);
    const parsed = parse(writer.begin() + page.text + writer.end(), format);
    expect(parsed.rejections).toEqual([]);
    expect(parsed.entries.map(({ row: _row, ...rest }) => rest)).toEqual(
      entries.map((e) => ({ hashType: e.hashType, value: e.value, classification: e.classification, series: e.series, victimIdentified: e.victimIdentified, notes: e.notes })),
    );
  });
});

function entry(extra: Partial<HashEntryProps>): HashEntryProps {
  return { id: 'e', bankId: 'b', hashType: 'md5', value: md5(0), classification: 'csam-a1', victimIdentified: false, addedBy: 'x', addedAt: '2026-01-01T00:00:00.000Z', ...extra };
}
