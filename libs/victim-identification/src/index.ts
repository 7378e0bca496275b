export * from './domain/identified-victim';
