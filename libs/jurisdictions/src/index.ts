export * from './domain/canadian-province';
export * from './domain/postal-code';
