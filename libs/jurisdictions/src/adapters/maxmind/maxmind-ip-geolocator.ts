import maxmind, { type CityResponse, type Reader } from 'maxmind';
import type { IpGeolocation, IpGeolocator } from '../../ports/ip-geolocator';

/** Database types that carry a country per network (City, Country, Enterprise editions). */
const GEOLOCATION_DATABASE = /City|Country|Enterprise/i;

/**
 * Maps a GeoIP2/GeoLite2 City (or Country) record to the port's answer. Only `country` counts,
 * not `registered_country` (where the block is registered is not where its user is); the first
 * subdivision is the largest (the province), as MaxMind orders them.
 */
export function geolocationFromMaxmindRecord(record: CityResponse): IpGeolocation | null {
  const country = record.country?.iso_code;
  if (!country) return null;
  const subdivision = record.subdivisions?.[0]?.iso_code;
  const traits = record.traits;
  const anonymizer = Boolean(traits && (traits.is_anonymous || traits.is_anonymous_proxy || traits.is_anonymous_vpn || traits.is_tor_exit_node || traits.is_public_proxy));
  return {
    country,
    ...(subdivision ? { subdivision: `${country}-${subdivision}` } : {}),
    ...(record.city?.names?.en ? { city: record.city.names.en } : {}),
    ...(record.location?.accuracy_radius !== undefined ? { accuracyRadiusKm: record.location.accuracy_radius } : {}),
    ...(anonymizer ? { anonymizer } : {}),
  };
}

/**
 * IP geolocation from an operator-provided MaxMind database (GeoLite2-City or GeoIP2-City
 * .mmdb; Vigil ships none: the licence is the operator's). Opened once, read in memory.
 */
export class MaxmindIpGeolocator implements IpGeolocator {
  constructor(private readonly reader: Reader<CityResponse>) {}

  static async open(databasePath: string): Promise<MaxmindIpGeolocator> {
    const reader = await maxmind.open<CityResponse>(databasePath);
    if (!GEOLOCATION_DATABASE.test(reader.metadata.databaseType)) {
      throw new Error(`${databasePath} is a ${reader.metadata.databaseType} database, not a GeoIP2/GeoLite2 City or Country database`);
    }
    return new MaxmindIpGeolocator(reader);
  }

  get databaseType(): string {
    return this.reader.metadata.databaseType;
  }

  async locate(ip: string): Promise<IpGeolocation | null> {
    const address = ip.trim();
    if (!maxmind.validate(address)) return null;
    const record = this.reader.get(address);
    return record ? geolocationFromMaxmindRecord(record) : null;
  }
}
