import type { BankKind, HashEntryProps } from '../banks/hash-bank';
import { field, fileError, isRecord, parseFlag, ParsedRows, parseJsonDocument, type ParsedBankFile } from './bank-file';
import type { BankFileWriter } from './bank-file-writer';

/**
 * Project VIC's VICS JSON, an OData document. Two shapes are read:
 * - `#Cases` (VICS 1.x): `{"odata.metadata": "...#Cases", "value": [{ "CaseID": ..., "Media": [ media... ] }]}`;
 * - `#Media` (VICS 1.3 hash sets, 2.0): `{"odata.metadata" | "@odata.context": "...#Media", "value": [ media... ]}`.
 * A media item carries `MD5` and/or `SHA1` (one entry each), `Category`, `Series`,
 * `VictimIdentified`, `MediaID`, `IsPrecategorized` and more, of which the rest is ignored.
 *
 * VICS categories are numbers whose labels each national VICS instance sets (Project VIC US,
 * Canada and the UK's CAID differ). The details are shared only under agreement, so this mapping
 * is an assumption made from public descriptions of the common US-style profile, to be checked
 * against the partner's own profile before a production import:
 *   0 uncategorised                          → refused (`uncategorised`): not known material
 *   1 child abuse material (CSAM)            → `csam` (VICS does not give the A/B 1/2 grade)
 *   2 child exploitative, not CSAM / age-difficult → `harmful-abusive-material`
 *   3 CGI / animation                        → `cgi-animation` (custom label)
 *   4 comparison / non-pertinent             → `non-pertinent` into a negative bank (a known
 *                                               false positive); refused for a positive bank
 *   anything else                            → refused (`unknown-classification`)
 */
export const VICS_CATEGORY_CLASSIFICATIONS: Readonly<Record<number, string>> = {
  1: 'csam',
  2: 'harmful-abusive-material',
  3: 'cgi-animation',
  4: 'non-pertinent',
};

const VICS_HASH_FIELDS = [
  ['MD5', 'md5'],
  ['SHA1', 'sha1'],
] as const;

export interface VicsParseOptions {
  /** Where the entries go: non-pertinent media only belong in a negative bank. */
  bankKind: BankKind;
}

export function parseVicsBankFile(text: string, options: VicsParseOptions): ParsedBankFile {
  const document = parseJsonDocument(text, 'VICS');
  if (!isRecord(document) || !Array.isArray(document.value)) {
    throw fileError('a VICS file is an OData JSON object whose "value" is a list of cases or of media');
  }
  const rows = new ParsedRows();
  let row = 0;
  for (const item of document.value) {
    const caseMedia = isRecord(item) ? field(item, 'Media') : undefined;
    for (const media of Array.isArray(caseMedia) ? caseMedia : [item]) {
      row++;
      readMedia(rows, row, media, options);
    }
  }
  return rows;
}

function readMedia(rows: ParsedRows, row: number, media: unknown, options: VicsParseOptions): void {
  if (!isRecord(media)) return rows.reject(row, 'malformed-row', 'a media item is a JSON object');
  const hashes = VICS_HASH_FIELDS.map(([name, hashType]) => ({ hashType, value: field(media, name) })).filter(
    (hash): hash is { hashType: 'md5' | 'sha1'; value: string } => typeof hash.value === 'string' && hash.value.trim() !== '',
  );
  if (hashes.length === 0) return rows.reject(row, 'missing-hash', 'the media item has neither MD5 nor SHA1');

  const category = Number(field(media, 'Category'));
  if (category === 0) return rows.reject(row, 'uncategorised', 'VICS category 0 (uncategorised) is not known material');
  const classification = Number.isInteger(category) ? VICS_CATEGORY_CLASSIFICATIONS[category] : undefined;
  if (!classification) return rows.reject(row, 'unknown-classification', `VICS category "${String(field(media, 'Category'))}" has no mapping`);
  if (classification === 'non-pertinent' && options.bankKind === 'positive') {
    return rows.reject(row, 'non-pertinent', 'VICS category 4 (comparison / non-pertinent) belongs in a negative bank, not a positive one');
  }
  const victimIdentified = parseFlag(field(media, 'VictimIdentified'));
  if (victimIdentified === undefined) return rows.reject(row, 'bad-victim-identified', `VictimIdentified is ${JSON.stringify(field(media, 'VictimIdentified'))}, not true or false`);

  const series = field(media, 'Series');
  const mediaId = field(media, 'MediaID');
  for (const hash of hashes) {
    rows.accept(row, {
      hashType: hash.hashType,
      value: hash.value,
      classification,
      series: typeof series === 'string' || typeof series === 'number' ? String(series) : undefined,
      victimIdentified,
      notes: mediaId !== undefined && mediaId !== null && mediaId !== '' ? `VICS MediaID ${String(mediaId)}` : undefined,
    });
  }
}

/** The VICS category a classification goes back to, or undefined when VICS has none for it. */
export function vicsCategoryOf(classification: string): number | undefined {
  if (classification === 'csam' || classification.startsWith('csam-')) return 1;
  const found = Object.entries(VICS_CATEGORY_CLASSIFICATIONS).find(([, label]) => label === classification);
  return found ? Number(found[0]) : undefined;
}

const VICS_MEDIA_CONTEXT = 'http://github.com/ICMEC/ProjectVic/DataModels/1.3.xml#Media';

/**
 * Writes the `#Media` shape, one media item per MD5 or SHA-1 entry. SHA-256 and PDQ entries, and
 * classifications VICS has no category for, are left out: VICS has no field for them.
 */
export function vicsBankFileWriter(): BankFileWriter {
  let mediaId = 0;
  return {
    contentType: 'application/json; charset=utf-8',
    extension: 'vics.json',
    begin: () => `{"odata.metadata":${JSON.stringify(VICS_MEDIA_CONTEXT)},"value":[`,
    write: (entries: HashEntryProps[]) => {
      const parts: string[] = [];
      for (const entry of entries) {
        const category = vicsCategoryOf(entry.classification);
        if (category === undefined || (entry.hashType !== 'md5' && entry.hashType !== 'sha1')) continue;
        mediaId++;
        const media = {
          MediaID: mediaId,
          Category: category,
          [entry.hashType === 'md5' ? 'MD5' : 'SHA1']: entry.value.toUpperCase(),
          ...(entry.series ? { Series: entry.series } : {}),
          VictimIdentified: entry.victimIdentified,
          IsPrecategorized: true,
        };
        parts.push(`${mediaId === 1 ? '\n' : ',\n'}${JSON.stringify(media)}`);
      }
      return { text: parts.join(''), written: parts.length };
    },
    end: () => '\n]}\n',
  };
}
