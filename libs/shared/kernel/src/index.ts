export * from './ids';
export * from './clock';
export * from './domain-event';
export * from './errors';
export * from './settings';
