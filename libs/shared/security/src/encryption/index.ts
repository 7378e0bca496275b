export * from './key-encryption-key';
export * from './field-cipher';
export * from './local-key-ring';
