import { DynamicModule, Module, type Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { DEFAULT_PARTNER_RATE_LIMIT_PER_MINUTE } from '../api-keys/api-key.config';
import { ApiKeyService, type ApiKeyServiceOptions } from '../api-keys/api-key.service';
import type { ApiKeyStore } from '../api-keys/api-key.store';
import { ApiKeysController } from '../api-keys/api-keys.controller';
import { PartnerThrottlerGuard, partnerThrottlerOptions } from '../api-keys/partner-throttler.guard';
import type { AuditTrail } from '../audit/audit-trail';
import { AuthController, TOKEN_LIFETIME_SECONDS } from './auth.controller';
import { StaffAuthGuard } from './auth.guard';
import { STAFF_DIRECTORY, type StaffDirectory } from './staff-directory';

export interface ApiKeyOptions extends ApiKeyServiceOptions {
  store: ApiKeyStore;
  audit: AuditTrail;
  /** Requests per minute per key when the key has no limit of its own. */
  defaultRateLimitPerMinute?: number;
}

export interface SecurityOptions {
  jwtSecret: string;
  staffDirectory: StaffDirectory;
  /** Partner API keys (verification, admin API, per-key rate limit); without it keys are refused. */
  apiKeys?: ApiKeyOptions;
}

@Module({})
export class SecurityModule {
  static register(options: SecurityOptions): DynamicModule {
    const apiKeys = options.apiKeys;
    // Global guards run in the order they are registered: authentication first, so the
    // throttler knows which partner is calling.
    const guards: Provider[] = [{ provide: APP_GUARD, useClass: StaffAuthGuard }];
    const providers: Provider[] = [{ provide: STAFF_DIRECTORY, useValue: options.staffDirectory }];
    if (apiKeys) {
      providers.push({ provide: ApiKeyService, useValue: new ApiKeyService(apiKeys.store, apiKeys.audit, apiKeys) });
      guards.push({ provide: APP_GUARD, useClass: PartnerThrottlerGuard });
    }
    return {
      module: SecurityModule,
      imports: [
        JwtModule.register({ secret: options.jwtSecret, signOptions: { expiresIn: TOKEN_LIFETIME_SECONDS } }),
        ...(apiKeys ? [ThrottlerModule.forRoot(partnerThrottlerOptions(apiKeys.defaultRateLimitPerMinute ?? DEFAULT_PARTNER_RATE_LIMIT_PER_MINUTE))] : []),
      ],
      controllers: apiKeys ? [AuthController, ApiKeysController] : [AuthController],
      providers: [...providers, ...guards],
      exports: apiKeys ? [JwtModule, ApiKeyService] : [JwtModule],
    };
  }
}
