// Domain: registry data and the pure resolver
export * from './domain/canadian-province';
export * from './domain/countries';
export * from './domain/postal-code';
export * from './domain/area-codes';
export * from './domain/jurisdiction';
export * from './domain/referral-route';
export * from './domain/police-services';
export * from './domain/ip-address';
export * from './domain/declared-location';
export * from './domain/evidence';
export * from './domain/jurisdiction-resolver';
// Ports
export * from './ports/ip-geolocator';
export * from './ports/phone-number-parser';
// Application
export * from './application/resolve-jurisdiction/resolve-jurisdiction.use-case';
// Adapters
export * from './adapters/maxmind/maxmind-ip-geolocator';
export * from './adapters/csv/csv-range-ip-geolocator';
export * from './adapters/libphonenumber/libphonenumber-phone-parser';
