import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AuthController, TOKEN_LIFETIME_SECONDS } from './auth.controller';
import { StaffAuthGuard } from './auth.guard';
import { STAFF_DIRECTORY, type StaffDirectory } from './staff-directory';

export interface SecurityOptions {
  jwtSecret: string;
  staffDirectory: StaffDirectory;
}

@Module({})
export class SecurityModule {
  static register(options: SecurityOptions): DynamicModule {
    return {
      module: SecurityModule,
      imports: [JwtModule.register({ secret: options.jwtSecret, signOptions: { expiresIn: TOKEN_LIFETIME_SECONDS } })],
      controllers: [AuthController],
      providers: [
        { provide: STAFF_DIRECTORY, useValue: options.staffDirectory },
        { provide: APP_GUARD, useClass: StaffAuthGuard },
      ],
      exports: [JwtModule],
    };
  }
}
