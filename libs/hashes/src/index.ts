// Public surface of the hashes bounded context.
export * from './hashing';
export * from './domain/banks/hash-bank';
export * from './domain/banks/match-decision';
export * from './ports/hash-bank.repository';
export * from './ports/pdq-candidate-finder';
export * from './domain/match-index';
export * from './adapters/match-index/indexed-pdq-candidate-finder';
export * from './application/match-report-media/match-report-media.use-case';
export * from './application/curate-banks/curate-banks.use-case';
export * from './adapters/typeorm/typeorm-hash-bank.repository';
export * from './adapters/typeorm/migrations/1763900000001-create-hash-banks';
