import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable, Optional, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { ApiKeyService } from '../api-keys/api-key.service';
import { API_KEY_PREFIX } from '../api-keys/api-key-token';
import { PARTNER_SCOPES, type PartnerPrincipal, type PartnerScope } from '../api-keys/partner-access.decorator';
import { ENROLMENT_TOKEN_ACCEPTED, PUBLIC_ROUTE, REQUIRED_ROLES } from './auth.decorators';
import { STAFF_DIRECTORY, type StaffDirectory, type StaffRole, type StaffUser } from './staff-directory';

export interface StaffTokenClaims {
  sub: string;
  name: string;
  roles: StaffRole[];
  /** Set on the token of an account that must enrol an authenticator before anything else. */
  purpose?: string;
}

export const TOTP_ENROLMENT_PURPOSE = 'totp-enrolment';

/**
 * Verifies a staff bearer token: signed with JWT_SECRET, unexpired, and shaped as a staff token
 * (a full sign-in token, or an enrolment-only one; other tokens signed with the same secret, such
 * as the single sign-on cookie, are not), and, given the service's accounts, of an account that
 * this service holds and has not disabled, with the roles it holds here now. The guard and the
 * operations routes share it.
 */
export async function verifyStaffClaims(
  jwt: JwtService,
  token: string,
  accounts?: Pick<StaffDirectory, 'standing'>,
): Promise<{ ok: true; claims: StaffTokenClaims } | { ok: false; failure: 'invalid' | 'not-staff' | 'disabled' | 'no-account'; reason: string }> {
  let claims: StaffTokenClaims;
  try {
    claims = await jwt.verifyAsync<StaffTokenClaims>(token);
  } catch {
    return { ok: false, failure: 'invalid', reason: 'the bearer token is invalid or expired' };
  }
  if (typeof claims.sub !== 'string' || !Array.isArray(claims.roles) || (claims.purpose !== undefined && claims.purpose !== TOTP_ENROLMENT_PURPOSE)) {
    return { ok: false, failure: 'not-staff', reason: 'the bearer token is not a staff token' };
  }
  // One lookup per staff request: a disabled account's tokens stop at once, its roles are the
  // ones it holds here now, not the ones it held at sign-in (8 hours is long for a revoked role),
  // and a token from another service opens nothing here for an account this service does not hold.
  const standing = await accounts?.standing?.(claims.sub, { displayName: typeof claims.name === 'string' ? claims.name : claims.sub, roles: claims.roles });
  if (standing?.status === 'disabled') return { ok: false, failure: 'disabled', reason: 'this account has been disabled; its tokens no longer work' };
  if (standing?.status === 'absent') return { ok: false, failure: 'no-account', reason: 'this account has no staff account in this service: an administrator of this service must create it' };
  return { ok: true, claims: standing ? { ...claims, roles: standing.roles } : claims };
}

interface GuardedRequest {
  headers: Record<string, string | string[] | undefined>;
  user?: StaffUser;
  partner?: PartnerPrincipal;
}

/**
 * Secure by default: every route needs a valid staff token unless marked @Public(), and a
 * route marked @Roles(...) needs one of those roles. A route with neither marker is open to
 * any signed-in staff member, which the authorization tests flag for a decision.
 *
 * A route marked @PartnerAccess(...scopes) also takes a partner's API key holding one of those
 * scopes, sent as `X-Api-Key: vgl_…`, as `Authorization: Bearer vgl_…` (clients that only do
 * bearer tokens) or as the password of `Authorization: Basic` (clients of the Arachnid Shield
 * API, which signs in with a username and password). Any other route refuses API keys.
 */
@Injectable()
export class StaffAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    @Optional() @Inject(ApiKeyService) private readonly apiKeys?: ApiKeyService,
    @Optional() @Inject(STAFF_DIRECTORY) private readonly directory?: StaffDirectory,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    const request = context.switchToHttp().getRequest<GuardedRequest>();
    const partnerScopes = this.reflector.getAllAndOverride<PartnerScope[] | undefined>(PARTNER_SCOPES, targets) ?? [];
    const apiKey = presentedApiKey(request.headers);
    if (apiKey !== undefined) {
      request.partner = await this.authenticatePartner(apiKey, partnerScopes);
      return true;
    }

    const [scheme, token] = header(request.headers, 'authorization').split(' ');
    if (scheme !== 'Bearer' || !token) {
      const alternatives = partnerScopes.length > 0 ? ' or a partner API key (X-Api-Key)' : '';
      throw new UnauthorizedException(`a staff bearer token (POST /api/v1/auth/login)${alternatives} is required`);
    }
    const verified = await verifyStaffClaims(this.jwt, token, this.directory);
    if (!verified.ok) throw new UnauthorizedException(verified.reason);
    const claims = verified.claims;
    request.user = { username: claims.sub, displayName: claims.name, roles: claims.roles };
    if (claims.purpose === TOTP_ENROLMENT_PURPOSE) {
      if (this.reflector.getAllAndOverride<boolean>(ENROLMENT_TOKEN_ACCEPTED, targets)) return true;
      throw new ForbiddenException('this account must enrol an authenticator app first (POST /api/v1/auth/totp/enroll, then /api/v1/auth/totp/confirm); this token allows nothing else');
    }

    const required = this.reflector.getAllAndOverride<StaffRole[] | undefined>(REQUIRED_ROLES, targets);
    if (!required || required.length === 0) return true;
    if (claims.roles.includes('admin') || required.some((role) => claims.roles.includes(role))) return true;
    throw new ForbiddenException(`this action needs one of the roles: ${required.join(', ')}`);
  }

  private async authenticatePartner(apiKey: string, routeScopes: PartnerScope[]): Promise<PartnerPrincipal> {
    if (!this.apiKeys) throw new UnauthorizedException('this service does not accept API keys');
    const verified = await this.apiKeys.verify(apiKey);
    if (!verified.ok) throw new UnauthorizedException(verified.reason);
    if (routeScopes.length === 0) throw new ForbiddenException('this route is for staff only: API keys are not accepted here');
    if (!routeScopes.some((scope) => verified.principal.scopes.includes(scope))) {
      throw new ForbiddenException(`this API key lacks the scope this route needs (${routeScopes.join(' or ')}); it holds: ${verified.principal.scopes.join(', ')}`);
    }
    return verified.principal;
  }
}

function header(headers: GuardedRequest['headers'], name: string): string {
  const value = headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

/** The API key in the request, if the caller sent one (see StaffAuthGuard for the three ways). */
export function presentedApiKey(headers: GuardedRequest['headers']): string | undefined {
  const explicit = header(headers, 'x-api-key').trim();
  if (explicit) return explicit;
  const [scheme, credentials] = header(headers, 'authorization').split(' ');
  if (scheme === 'Bearer' && credentials?.startsWith(API_KEY_PREFIX)) return credentials;
  if (scheme === 'Basic' && credentials) {
    const decoded = Buffer.from(credentials, 'base64').toString('utf8');
    const password = decoded.slice(decoded.indexOf(':') + 1);
    if (password.startsWith(API_KEY_PREFIX)) return password;
  }
  return undefined;
}
