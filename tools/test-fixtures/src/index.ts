export * from './synthetic-images';
export * from './test-database';
