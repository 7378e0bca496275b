export * from './logger';
export * from './nest-logger';
export * from './http-observability';
export * from './service-metrics';
export * from './metrics-access.guard';
export * from './queue-board';
export * from './service-observability';
export * from './service-context';
