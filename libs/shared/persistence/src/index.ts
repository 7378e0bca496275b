export * from './embedded-postgres';
export * from './transaction-runner';
export * from './data-source';
export * from './outbox-inbox.sql';
export * from './platform-tables.migration';
export * from './outbox-retention';
export * from './json-document';
export * from './query-error-logger';
