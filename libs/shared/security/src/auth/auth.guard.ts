import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { PUBLIC_ROUTE, REQUIRED_ROLES } from './auth.decorators';
import type { StaffRole, StaffUser } from './staff-directory';

interface TokenClaims {
  sub: string;
  name: string;
  roles: StaffRole[];
}

/**
 * Secure by default: every route needs a valid staff token unless marked @Public(), and a
 * route marked @Roles(...) needs one of those roles. A route with neither marker is open to
 * any signed-in staff member, which the authorization tests flag for a decision.
 */
@Injectable()
export class StaffAuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector, private readonly jwt: JwtService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; user?: StaffUser }>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) throw new UnauthorizedException('a staff bearer token is required (POST /api/v1/auth/login)');
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
    } catch {
      throw new UnauthorizedException('the bearer token is invalid or expired');
    }
    request.user = { username: claims.sub, displayName: claims.name, roles: claims.roles };

    const required = this.reflector.getAllAndOverride<StaffRole[] | undefined>(REQUIRED_ROLES, targets);
    if (!required || required.length === 0) return true;
    if (claims.roles.includes('admin') || required.some((role) => claims.roles.includes(role))) return true;
    throw new ForbiddenException(`this action needs one of the roles: ${required.join(', ')}`);
  }
}
