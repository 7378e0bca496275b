import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable, Optional, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, timingSafeEqual } from 'node:crypto';
import { bearerToken, verifyStaffToken, type StaffAccountStatus } from './staff-token';

export const METRICS_TOKEN = Symbol('MetricsToken');
export const STAFF_ACCOUNT_STATUS = Symbol('StaffAccountStatus');

/** Staff roles that may read /metrics with their own token (admin, and auditors who oversee operations). */
export const METRICS_ROLES = ['admin', 'auditor'] as const;

/**
 * /metrics is not public (queue depths and backlogs say how busy the hotline is): Prometheus
 * sends `Authorization: Bearer $METRICS_TOKEN`; a person may use a staff token with the admin or
 * auditor role instead.
 */
@Injectable()
export class MetricsAccessGuard implements CanActivate {
  constructor(
    private readonly jwt: JwtService,
    @Inject(METRICS_TOKEN) private readonly metricsToken: string | undefined,
    @Optional() @Inject(STAFF_ACCOUNT_STATUS) private readonly accounts?: StaffAccountStatus,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>();
    const token = bearerToken(request.headers.authorization);
    if (!token) throw new UnauthorizedException('metrics need a bearer token: METRICS_TOKEN, or a staff token with the admin or auditor role');
    if (this.metricsToken && sameSecret(token, this.metricsToken)) return true;
    const staff = await verifyStaffToken(this.jwt, token, this.accounts);
    if (!staff.ok) throw new UnauthorizedException(`${staff.reason} (and it is not the metrics token)`);
    if (staff.roles.some((role) => (METRICS_ROLES as readonly string[]).includes(role))) return true;
    throw new ForbiddenException(`metrics need one of the roles: ${METRICS_ROLES.join(', ')}`);
  }
}

/** Constant-time comparison that does not leak the secret's length either. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
