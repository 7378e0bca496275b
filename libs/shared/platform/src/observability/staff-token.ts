import type { JwtService } from '@nestjs/jwt';
import type { StaffRole } from '@vigil/security';

export type StaffTokenCheck = { ok: true; roles: StaffRole[] } | { ok: false; reason: string };

/**
 * Verifies a staff token as the global auth guard does, for the operations routes that also take
 * other credentials. Only a full sign-in token counts: one issued for a narrower purpose (a
 * second-factor enrolment) opens nothing here.
 */
export async function verifyStaffToken(jwt: JwtService, token: string): Promise<StaffTokenCheck> {
  let claims: { sub?: unknown; roles?: unknown; purpose?: unknown };
  try {
    claims = await jwt.verifyAsync(token);
  } catch {
    return { ok: false, reason: 'the bearer token is invalid or expired' };
  }
  if (typeof claims.sub !== 'string' || !Array.isArray(claims.roles) || claims.purpose !== undefined) return { ok: false, reason: 'the bearer token is not a staff sign-in token' };
  return { ok: true, roles: claims.roles as StaffRole[] };
}

export function bearerToken(authorization: string | string[] | undefined): string | undefined {
  const value = Array.isArray(authorization) ? authorization[0] : authorization;
  const [scheme, token] = (value ?? '').split(' ');
  return scheme === 'Bearer' && token ? token : undefined;
}
