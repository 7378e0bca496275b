import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Reader, type CityResponse } from 'maxmind';
import { writeMmdb, type MmdbNetwork } from '@vigil/test-fixtures';
import { geolocationFromMaxmindRecord, MaxmindIpGeolocator } from './maxmind-ip-geolocator';

// Records shaped like GeoIP2/GeoLite2 City's, on documentation networks (RFC 5737 / RFC 3849).
const OTTAWA = {
  continent: { code: 'NA', geoname_id: 6255149, names: { en: 'North America', fr: 'Amérique du Nord' } },
  country: { geoname_id: 6251999, iso_code: 'CA', names: { en: 'Canada', fr: 'Canada' } },
  registered_country: { geoname_id: 6251999, iso_code: 'CA', names: { en: 'Canada', fr: 'Canada' } },
  subdivisions: [{ geoname_id: 6093943, iso_code: 'ON', names: { en: 'Ontario', fr: 'Ontario' } }],
  city: { geoname_id: 6094817, names: { en: 'Ottawa', fr: 'Ottawa' } },
  location: { accuracy_radius: 20, latitude: 45.4, longitude: -75.7, time_zone: 'America/Toronto' },
  postal: { code: 'K1A' },
};
const MONTREAL_V6 = {
  country: { geoname_id: 6251999, iso_code: 'CA', names: { en: 'Canada' } },
  subdivisions: [{ geoname_id: 6115047, iso_code: 'QC', names: { en: 'Quebec', fr: 'Québec' } }],
  city: { geoname_id: 6077243, names: { en: 'Montreal', fr: 'Montréal' } },
  location: { accuracy_radius: 100, latitude: 45.5, longitude: -73.6 },
};
const PARIS_VPN = {
  country: { geoname_id: 3017382, iso_code: 'FR', names: { en: 'France', fr: 'France' } },
  subdivisions: [{ geoname_id: 3012874, iso_code: 'IDF', names: { en: 'Île-de-France' } }],
  location: { accuracy_radius: 500, latitude: 48.9, longitude: 2.3 },
  traits: { is_anonymous_proxy: true },
};
const REGISTERED_ONLY = { registered_country: { geoname_id: 6252001, iso_code: 'US', names: { en: 'United States' } } };

const NETWORKS: MmdbNetwork[] = [
  { network: '198.51.100.0/24', record: OTTAWA },
  { network: '203.0.113.0/25', record: PARIS_VPN },
  { network: '203.0.113.128/25', record: REGISTERED_ONLY },
  { network: '2001:db8:1::/48', record: MONTREAL_V6 },
];

describe('MaxmindIpGeolocator on a real (synthetic) .mmdb file', () => {
  let dir: string;
  let path: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-mmdb-'));
    path = join(dir, 'GeoLite2-City-test.mmdb');
    writeFileSync(path, writeMmdb(NETWORKS, { databaseType: 'GeoLite2-City', languages: ['en', 'fr'] }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('opens the file with maxmind.open and maps City records to the port', async () => {
    const geolocator = await MaxmindIpGeolocator.open(path);
    expect(geolocator.databaseType).toBe('GeoLite2-City');
    expect(await geolocator.locate('198.51.100.7')).toEqual({ country: 'CA', subdivision: 'CA-ON', city: 'Ottawa', accuracyRadiusKm: 20 });
    expect(await geolocator.locate('198.51.100.0')).toMatchObject({ subdivision: 'CA-ON' });
    expect(await geolocator.locate('198.51.100.255')).toMatchObject({ subdivision: 'CA-ON' });
    expect(await geolocator.locate('2001:db8:1:ffff::1')).toEqual({ country: 'CA', subdivision: 'CA-QC', city: 'Montreal', accuracyRadiusKm: 100 });
    expect(await geolocator.locate('203.0.113.5')).toEqual({ country: 'FR', subdivision: 'FR-IDF', accuracyRadiusKm: 500, anonymizer: true });
  });

  it('answers null outside the networks, for a record without a country, and for text that is not an address', async () => {
    const geolocator = await MaxmindIpGeolocator.open(path);
    expect(await geolocator.locate('198.51.101.1')).toBeNull();
    expect(await geolocator.locate('198.51.99.255')).toBeNull();
    expect(await geolocator.locate('2001:db8:2::1')).toBeNull();
    expect(await geolocator.locate('203.0.113.200')).toBeNull();
    expect(await geolocator.locate('not an ip')).toBeNull();
  });

  it('refuses a database that is not a City or Country edition', async () => {
    const asnPath = join(dir, 'GeoLite2-ASN-test.mmdb');
    writeFileSync(asnPath, writeMmdb([{ network: '192.0.2.0/24', record: { autonomous_system_number: 64500, autonomous_system_organization: 'Example' } }], { databaseType: 'GeoLite2-ASN' }));
    await expect(MaxmindIpGeolocator.open(asnPath)).rejects.toThrow(/GeoLite2-ASN database, not a GeoIP2\/GeoLite2 City or Country/);
  });

  it('the writer produces what the maxmind reader expects: metadata and every value type', () => {
    const reader = new Reader<CityResponse>(
      writeMmdb([{ network: '192.0.2.0/24', record: { s: 'é'.repeat(40), n: 70_000, d: 1.5, b: true, a: [1, 'two'], long: 'x'.repeat(300) } }], { databaseType: 'Test-City', buildEpochSeconds: 1_750_000_000 }),
    );
    expect(reader.metadata).toMatchObject({ databaseType: 'Test-City', ipVersion: 6, recordSize: 24, binaryFormatMajorVersion: 2 });
    expect(reader.metadata.buildEpoch.toISOString()).toBe('2025-06-15T15:06:40.000Z');
    expect(reader.get('192.0.2.77')).toEqual({ s: 'é'.repeat(40), n: 70_000, d: 1.5, b: true, a: [1, 'two'], long: 'x'.repeat(300) });
    // The reader counts an IPv4 prefix from the IPv4 subtree (::/96), so a /24 network says 24.
    expect(reader.getWithPrefixLength('192.0.2.77')[1]).toBe(24);
  });
});

describe('geolocationFromMaxmindRecord', () => {
  it('ignores registered_country: where a block is registered is not where its user is', () => {
    expect(geolocationFromMaxmindRecord(REGISTERED_ONLY as unknown as CityResponse)).toBeNull();
  });

  it('keeps the country when there is no subdivision, city or radius', () => {
    expect(geolocationFromMaxmindRecord({ country: { geoname_id: 1, iso_code: 'KE', names: { en: 'Kenya' } } } as unknown as CityResponse)).toEqual({ country: 'KE' });
  });
});
