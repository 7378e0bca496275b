import type { IpGeolocation } from '../domain/evidence';

export type { IpGeolocation };

/**
 * Where an IP address is, as far as a geolocation database knows. Answers null for addresses it
 * has no data for, and for text that is not an IP address (the resolver explains which).
 */
export interface IpGeolocator {
  locate(ip: string): Promise<IpGeolocation | null>;
}

/** Injection token for IpGeolocator. */
export const IP_GEOLOCATOR = Symbol('IpGeolocator');
