export * from './auth/password';
export * from './auth/staff-directory';
export * from './auth/auth.decorators';
export * from './auth/auth.guard';
export * from './auth/auth.controller';
export * from './auth/security.module';
export * from './audit/audit-trail';
export * from './api-keys/partner-access.decorator';
