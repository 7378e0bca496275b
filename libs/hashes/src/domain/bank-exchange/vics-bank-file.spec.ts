import { ValidationError } from '@vigil/kernel';
import type { HashEntryProps } from '../banks/hash-bank';
import { md5, pdq, sha1, sha256 } from './__fixtures__/synthetic-hashes';
import { bankFileWriter, parseBankFile } from './bank-file-formats';

const parse = (document: unknown, bankKind: 'positive' | 'negative' = 'positive') =>
  parseBankFile('vics', typeof document === 'string' ? document : JSON.stringify(document), { bankKind });

/** VICS 1.x "#Cases": media inside each case. */
const casesDocument = (media: unknown[]) => ({
  'odata.metadata': 'http://github.com/ICMEC/ProjectVic/DataModels/1.3.xml#Cases',
  value: [{ 'odata.id': 'Case("c-1")', CaseID: 'c-1', CaseNumber: 'SYN-1', Media: media }],
});

describe('VICS (Project VIC JSON) bank files', () => {
  it('reads media of the #Cases shape: one entry per MD5 and SHA1, with category, series, victim flag and media id', () => {
    const parsed = parse(
      casesDocument([
        { MediaID: 17, Category: 1, MD5: md5(1).toUpperCase(), SHA1: sha1(1), Series: 'Synthetic series', VictimIdentified: 'true', IsPrecategorized: true },
        { MediaID: 18, Category: 2, MD5: md5(2), VictimIdentified: false },
        { MediaID: 19, Category: '3', SHA1: sha1(3) },
      ]),
    );
    expect(parsed.rejections).toEqual([]);
    expect(parsed.entries).toEqual([
      { row: 1, hashType: 'md5', value: md5(1), classification: 'csam', series: 'Synthetic series', victimIdentified: true, notes: 'VICS MediaID 17' },
      { row: 1, hashType: 'sha1', value: sha1(1), classification: 'csam', series: 'Synthetic series', victimIdentified: true, notes: 'VICS MediaID 17' },
      { row: 2, hashType: 'md5', value: md5(2), classification: 'harmful-abusive-material', series: undefined, victimIdentified: false, notes: 'VICS MediaID 18' },
      { row: 3, hashType: 'sha1', value: sha1(3), classification: 'cgi-animation', series: undefined, victimIdentified: false, notes: 'VICS MediaID 19' },
    ]);
  });

  it('reads the #Media shape of VICS 1.3 hash sets and 2.0 (media straight under value)', () => {
    const parsed = parse({
      '@odata.context': 'http://github.com/VICSDATAMODEL/ProjectVic/DataModels/2.0.xml/Default/$metadata#Media',
      value: [{ MediaID: 1, Category: 1, MD5: md5(5), SHA1: sha1(5), MediaSize: 2835, DateUpdated: '2026-01-01T00:00:00Z', IsPrecategorized: 'true' }],
    });
    expect(parsed.entries.map((entry) => [entry.hashType, entry.value, entry.classification])).toEqual([
      ['md5', md5(5), 'csam'],
      ['sha1', sha1(5), 'csam'],
    ]);
  });

  it('refuses uncategorised, unmapped and hashless media, and non-pertinent media for a positive bank', () => {
    const media = [
      { MediaID: 1, Category: 0, MD5: md5(1) },
      { MediaID: 2, Category: 9, MD5: md5(2) },
      { MediaID: 3, Category: 1 },
      { MediaID: 4, Category: 4, MD5: md5(4) },
      { MediaID: 5, Category: 1, MD5: 'ABC' },
      { MediaID: 6, Category: 1, MD5: md5(6), VictimIdentified: 'perhaps' },
      'not an object',
      { MediaID: 8, Category: 1, MD5: md5(1), SHA1: sha1(8) },
      { MediaID: 9, Category: 2, MD5: md5(8) },
      { MediaID: 10, Category: 2, MD5: md5(8) },
    ];
    const parsed = parse(casesDocument(media));
    expect(parsed.rejections.map((rejection) => [rejection.row, rejection.reason])).toEqual([
      [1, 'uncategorised'],
      [2, 'unknown-classification'],
      [3, 'missing-hash'],
      [4, 'non-pertinent'],
      [5, 'bad-hash-value'],
      [6, 'bad-victim-identified'],
      [7, 'malformed-row'],
      [10, 'duplicate-in-file'],
    ]);
    expect(parsed.entries.map((entry) => [entry.row, entry.hashType])).toEqual([
      [8, 'md5'],
      [8, 'sha1'],
      [9, 'md5'],
    ]);
    // Into a negative bank (known false positives), category 4 is exactly what belongs there.
    expect(parse(casesDocument([media[3]]), 'negative').entries.map((entry) => entry.classification)).toEqual(['non-pertinent']);
  });

  it('refuses a file that is not JSON, or not an OData list, as a whole', () => {
    expect(() => parse('{"value": [')).toThrow(/^file: a VICS file is JSON, and this is not valid JSON/);
    expect(() => parse({ Media: [] })).toThrow(new ValidationError('file: a VICS file is an OData JSON object whose "value" is a list of cases or of media', 'file'));
  });

  it('writes the #Media shape that reads back; SHA-256, PDQ and custom labels VICS cannot carry are left out', () => {
    const entries: HashEntryProps[] = [
      entry({ hashType: 'md5', value: md5(1), classification: 'csam-a1', series: 'S', victimIdentified: true }),
      entry({ hashType: 'sha1', value: sha1(2), classification: 'harmful-abusive-material' }),
      entry({ hashType: 'sha256', value: sha256(3) }),
      entry({ hashType: 'pdq', value: pdq(4) }),
      entry({ hashType: 'md5', value: md5(5), classification: 'reviewed-benign' }),
    ];
    const writer = bankFileWriter('vics');
    const page = writer.write(entries);
    expect(page.written).toBe(2);
    const text = writer.begin() + page.text + writer.end();
    expect(JSON.parse(text)).toEqual({
      'odata.metadata': 'http://github.com/ICMEC/ProjectVic/DataModels/1.3.xml#Media',
      value: [
        { MediaID: 1, Category: 1, MD5: md5(1).toUpperCase(), Series: 'S', VictimIdentified: true, IsPrecategorized: true },
        { MediaID: 2, Category: 2, SHA1: sha1(2).toUpperCase(), VictimIdentified: false, IsPrecategorized: true },
      ],
    });
    expect(parse(text).entries.map((read) => [read.hashType, read.value, read.classification, read.series, read.victimIdentified])).toEqual([
      ['md5', md5(1), 'csam', 'S', true],
      ['sha1', sha1(2), 'harmful-abusive-material', undefined, false],
    ]);
  });

  it('writes an empty bank as a valid document', () => {
    const writer = bankFileWriter('vics');
    expect(JSON.parse(writer.begin() + writer.write([]).text + writer.end()).value).toEqual([]);
  });
});

function entry(extra: Partial<HashEntryProps>): HashEntryProps {
  return { id: 'e', bankId: 'b', hashType: 'md5', value: md5(0), classification: 'csam-a1', victimIdentified: false, addedBy: 'x', addedAt: '2026-01-01T00:00:00.000Z', ...extra };
}
