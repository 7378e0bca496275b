import { DynamicModule, Module, type Provider, type Type } from '@nestjs/common';
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
import { StaffAccountAdmin } from '../staff-accounts/staff-account-admin';
import { StaffAccountsController } from '../staff-accounts/staff-accounts.controller';
import { OidcController } from './oidc/oidc.controller';
import { OidcSignIn } from './oidc/oidc-sign-in';
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
  /** The administrators' API over the service's staff accounts (/api/v1/staff-accounts). */
  staffAccounts?: StaffAccountAdmin;
  /** Single sign-on through an OpenID Connect provider (/api/v1/auth/oidc/login and /callback). */
  oidc?: OidcSignIn;
}

@Module({})
export class SecurityModule {
  static register(options: SecurityOptions): DynamicModule {
    const apiKeys = options.apiKeys;
    // Global guards run in the order they are registered: authentication first, so the
    // throttler knows which partner is calling.
    const guards: Provider[] = [{ provide: APP_GUARD, useClass: StaffAuthGuard }];
    const providers: Provider[] = [{ provide: STAFF_DIRECTORY, useValue: options.staffDirectory }];
    const controllers: Type[] = [AuthController];
    if (options.staffAccounts) {
      providers.push({ provide: StaffAccountAdmin, useValue: options.staffAccounts });
      controllers.push(StaffAccountsController);
    }
    if (options.oidc) {
      providers.push({ provide: OidcSignIn, useValue: options.oidc });
      controllers.push(OidcController);
    }
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
      controllers: apiKeys ? [...controllers, ApiKeysController] : controllers,
      providers: [...providers, ...guards],
      exports: apiKeys ? [JwtModule, ApiKeyService] : [JwtModule],
    };
  }
}
