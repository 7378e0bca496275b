import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ValidationError } from '@vigil/kernel';
import { CsvRangeIpGeolocator } from './csv-range-ip-geolocator';

const CSV = `start_ip,end_ip,country,subdivision,city,accuracy_km
# documentation ranges only (RFC 5737, RFC 3849)
203.0.113.0,203.0.113.255,FR,FR-IDF,Paris,50
198.51.100.0,198.51.100.127,CA,CA-ON,Ottawa,20
198.51.100.128,198.51.100.255,CA,CA-BC,,500
192.0.2.10,192.0.2.10,KE,,,
2001:db8::,2001:db8::ffff,CA,CA-QC,Montréal,100
2001:db8:0:1::,2001:db8:0:1:ffff:ffff:ffff:ffff,US,US-WA,Seattle,
`;

describe('CsvRangeIpGeolocator', () => {
  const geolocator = CsvRangeIpGeolocator.fromCsv(CSV);

  it('reads every row, IPv4 and IPv6', () => {
    expect(geolocator.size).toBe(6);
  });

  it('finds IPv4 addresses at and inside range boundaries', async () => {
    expect(await geolocator.locate('198.51.100.0')).toEqual({ country: 'CA', subdivision: 'CA-ON', city: 'Ottawa', accuracyRadiusKm: 20 });
    expect(await geolocator.locate('198.51.100.127')).toMatchObject({ subdivision: 'CA-ON' });
    expect(await geolocator.locate('198.51.100.128')).toEqual({ country: 'CA', subdivision: 'CA-BC', accuracyRadiusKm: 500 });
    expect(await geolocator.locate('198.51.100.255')).toMatchObject({ subdivision: 'CA-BC' });
    expect(await geolocator.locate('203.0.113.42')).toMatchObject({ country: 'FR', city: 'Paris' });
    expect(await geolocator.locate('192.0.2.10')).toEqual({ country: 'KE' });
  });

  it('answers null just outside the ranges and in the gaps between them', async () => {
    expect(await geolocator.locate('198.51.99.255')).toBeNull();
    expect(await geolocator.locate('198.51.101.0')).toBeNull();
    expect(await geolocator.locate('192.0.2.9')).toBeNull();
    expect(await geolocator.locate('192.0.2.11')).toBeNull();
    expect(await geolocator.locate('0.0.0.0')).toBeNull();
    expect(await geolocator.locate('255.255.255.255')).toBeNull();
  });

  it('finds IPv6 addresses at the boundaries, and keeps IPv4 and IPv6 apart', async () => {
    expect(await geolocator.locate('2001:db8::')).toMatchObject({ subdivision: 'CA-QC', city: 'Montréal' });
    expect(await geolocator.locate('2001:db8::ffff')).toMatchObject({ subdivision: 'CA-QC' });
    expect(await geolocator.locate('2001:db8::1:0')).toBeNull();
    expect(await geolocator.locate('2001:db8:0:1::')).toMatchObject({ country: 'US' });
    expect(await geolocator.locate('2001:db8:0:1:ffff:ffff:ffff:ffff')).toMatchObject({ country: 'US' });
    expect(await geolocator.locate('2001:db8:0:2::')).toBeNull();
    // ::cb00:712a has the same 128-bit value as 203.0.113.42's 32 bits, but is an IPv6 address.
    expect(await geolocator.locate('::cb00:712a')).toBeNull();
    // An IPv4-mapped address is the IPv4 address.
    expect(await geolocator.locate('::ffff:203.0.113.42')).toMatchObject({ country: 'FR' });
  });

  it('answers null for text that is not an address', async () => {
    expect(await geolocator.locate('not-an-ip')).toBeNull();
  });

  it('reads a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-ip-csv-'));
    try {
      writeFileSync(join(dir, 'ranges.csv'), CSV);
      expect((await CsvRangeIpGeolocator.fromFile(join(dir, 'ranges.csv'))).size).toBe(6);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ['start_ip,end_ip,country\n198.51.100.9,198.51.100.1,CA', /line 2: start_ip 198.51.100.9 is after end_ip/],
    ['start_ip,end_ip,country\n198.51.100.1,2001:db8::1,CA', /not the same IP version/],
    ['start_ip,end_ip,country\nnope,198.51.100.1,CA', /line 2: start_ip "nope" is not an IP address/],
    ['start_ip,end_ip,country\n198.51.100.1,198.51.100.2,Canada', /country "Canada" is not an ISO 3166-1 alpha-2 code/],
    ['start_ip,end_ip,country,subdivision\n198.51.100.1,198.51.100.2,CA,ON', /subdivision "ON" is not an ISO 3166-2 code of CA/],
    ['start_ip,end_ip,country,subdivision,city,accuracy_km\n198.51.100.1,198.51.100.2,CA,,,far', /accuracy_km "far" is not a distance/],
    ['start,end,country\n198.51.100.1,198.51.100.2,CA', /lacks the column\(s\) start_ip, end_ip/],
    ['start_ip,end_ip,country\n198.51.100.0,198.51.100.10,CA\n198.51.100.10,198.51.100.20,US', /IP ranges overlap: line 3 starts inside line 2/],
  ])('refuses bad data with the line and the field: %j', (csv, message) => {
    expect(() => CsvRangeIpGeolocator.fromCsv(csv)).toThrow(ValidationError);
    expect(() => CsvRangeIpGeolocator.fromCsv(csv)).toThrow(message);
  });
});
