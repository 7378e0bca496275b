export * from './service-infrastructure';
export * from './domain-exception.filter';
export * from './health.controller';
export * from './bootstrap-service';
export * from './staff-sign-in';
export * from './web-app.module';
export * from './observability';
export * from './retention-schedule';
