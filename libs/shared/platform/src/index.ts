export * from './service-infrastructure';
export * from './domain-exception.filter';
export * from './health.controller';
export * from './bootstrap-service';
export * from './web-app.module';
