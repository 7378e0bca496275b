export * from './synthetic-images';
