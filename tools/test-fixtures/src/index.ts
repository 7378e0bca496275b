export * from './synthetic-images';
export * from './test-database';
export * from './synthetic-videos';
export * from './browser';
export * from './mmdb-writer';
export * from './web-app-probe';
export * from './locale-checks';
