// Match indexes of the hashes context: exact cryptographic digests and PDQ near-duplicates.
export * from './brute-force-pdq-index';
export * from './entry-id';
export * from './exact-digest-index';
export * from './match-index-errors';
export * from './pdq-index';
export * from './pdq-match-index';
export * from './pdq-words';
export * from './synthetic-pdq-hashes';
