import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { PublicRateLimitGuard, publicRateLimitOptions } from './public-rate-limit.guard';

/** Registers the per-client limit on public write routes as a global guard. */
@Module({})
export class PublicRateLimitModule {
  static register(perMinute: number): DynamicModule {
    const options = publicRateLimitOptions(perMinute);
    return {
      module: PublicRateLimitModule,
      providers: [{ provide: APP_GUARD, useFactory: (reflector: Reflector) => new PublicRateLimitGuard(options, reflector), inject: [Reflector] }],
    };
  }
}
