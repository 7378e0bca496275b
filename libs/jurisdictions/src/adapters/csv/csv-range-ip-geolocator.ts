import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { ValidationError } from '@vigil/kernel';
import { parseIpAddress } from '../../domain/ip-address';
import type { IpGeolocation, IpGeolocator } from '../../ports/ip-geolocator';

/** One row: an inclusive range of addresses of one IP version and where they are. */
export interface IpRange {
  readonly version: 4 | 6;
  readonly start: bigint;
  readonly end: bigint;
  readonly location: IpGeolocation;
  /** Where the range was read from, for error messages. */
  readonly line?: number;
}

interface CsvRow {
  start_ip?: string;
  end_ip?: string;
  country?: string;
  subdivision?: string;
  city?: string;
  accuracy_km?: string;
}

const COLUMNS = ['start_ip', 'end_ip', 'country', 'subdivision', 'city', 'accuracy_km'];

function rowToRange(row: CsvRow, line: number): IpRange {
  const start = parseIpAddress(row.start_ip ?? '');
  const end = parseIpAddress(row.end_ip ?? '');
  if (!start) throw new ValidationError(`line ${line}: start_ip "${row.start_ip ?? ''}" is not an IP address`, 'start_ip');
  if (!end) throw new ValidationError(`line ${line}: end_ip "${row.end_ip ?? ''}" is not an IP address`, 'end_ip');
  if (start.version !== end.version) throw new ValidationError(`line ${line}: start_ip and end_ip are not the same IP version`, 'end_ip');
  if (start.value > end.value) throw new ValidationError(`line ${line}: start_ip ${start.text} is after end_ip ${end.text}`, 'end_ip');
  const country = (row.country ?? '').toUpperCase();
  if (!/^[A-Z]{2}$/.test(country)) throw new ValidationError(`line ${line}: country "${row.country ?? ''}" is not an ISO 3166-1 alpha-2 code`, 'country');
  const subdivision = (row.subdivision ?? '').toUpperCase();
  if (subdivision && !new RegExp(`^${country}-[A-Z0-9]{1,3}$`).test(subdivision)) {
    throw new ValidationError(`line ${line}: subdivision "${row.subdivision}" is not an ISO 3166-2 code of ${country} (like ${country}-ON)`, 'subdivision');
  }
  const accuracy = row.accuracy_km ? Number(row.accuracy_km) : undefined;
  if (accuracy !== undefined && !(Number.isFinite(accuracy) && accuracy >= 0)) throw new ValidationError(`line ${line}: accuracy_km "${row.accuracy_km}" is not a distance`, 'accuracy_km');
  return {
    version: start.version,
    start: start.value,
    end: end.value,
    location: { country, ...(subdivision ? { subdivision } : {}), ...(row.city ? { city: row.city } : {}), ...(accuracy !== undefined ? { accuracyRadiusKm: accuracy } : {}) },
    line,
  };
}

/**
 * IP geolocation from a CSV of address ranges (`start_ip,end_ip,country,subdivision,city,accuracy_km`,
 * IPv4 and IPv6 mixed, `#` comments): for tests, demos and operators with their own data. Ranges
 * are sorted once and searched by binary search; overlapping ranges are refused, since which one
 * answers would be arbitrary.
 */
export class CsvRangeIpGeolocator implements IpGeolocator {
  private readonly byVersion: Record<4 | 6, IpRange[]>;

  constructor(ranges: readonly IpRange[]) {
    const sorted = (version: 4 | 6) => ranges.filter((range) => range.version === version).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    this.byVersion = { 4: sorted(4), 6: sorted(6) };
    for (const list of Object.values(this.byVersion)) {
      for (let i = 1; i < list.length; i++) {
        if (list[i].start <= list[i - 1].end) {
          const where = (range: IpRange, index: number) => (range.line !== undefined ? `line ${range.line}` : `IPv${range.version} range ${index + 1}`);
          throw new ValidationError(`IP ranges overlap: ${where(list[i], i)} starts inside ${where(list[i - 1], i - 1)}`, 'ranges');
        }
      }
    }
  }

  static fromCsv(csv: string): CsvRangeIpGeolocator {
    const rows = parse(csv, { columns: true, skip_empty_lines: true, trim: true, comment: '#', info: true }) as Array<{ record: CsvRow; info: { lines: number } }>;
    if (rows.length > 0) {
      const missing = COLUMNS.slice(0, 3).filter((column) => !(column in rows[0].record));
      if (missing.length > 0) throw new ValidationError(`the CSV lacks the column(s) ${missing.join(', ')} (expected ${COLUMNS.join(',')})`, 'csv');
    }
    return new CsvRangeIpGeolocator(rows.map(({ record, info }) => rowToRange(record, info.lines)));
  }

  static async fromFile(path: string): Promise<CsvRangeIpGeolocator> {
    return CsvRangeIpGeolocator.fromCsv(await readFile(path, 'utf8'));
  }

  get size(): number {
    return this.byVersion[4].length + this.byVersion[6].length;
  }

  async locate(ip: string): Promise<IpGeolocation | null> {
    const address = parseIpAddress(ip);
    if (!address) return null;
    const ranges = this.byVersion[address.version];
    // The last range starting at or before the address is the only one that can hold it.
    let low = 0;
    let high = ranges.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (ranges[middle].start <= address.value) {
        found = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return found >= 0 && address.value <= ranges[found].end ? ranges[found].location : null;
  }
}
