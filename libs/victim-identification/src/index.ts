// Public surface of the victim-identification bounded context.
export * from './domain/identified-victim';
export * from './domain/victim-figures';
export * from './ports/victim.repository';
export * from './application/victim-identification.use-cases';
export * from './adapters/typeorm/typeorm-victim.repository';
export * from './domain/identified-count-series';
export * from './ports/identified-victim-counts';
export * from './application/identified-per-period/identified-per-period.use-case';
export * from './adapters/typeorm/typeorm-identified-victim-counts';
export * from './adapters/typeorm/migrations/1764000900001-create-identified-victims';
export * from './adapters/typeorm/migrations/1764310000001-seal-identified-victim-records';
