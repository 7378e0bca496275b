import type { JwtService } from '@nestjs/jwt';
import { verifyStaffClaims, type StaffDirectory, type StaffRole } from '@vigil/security';

/** A staff account as it stands now (the service's StaffDirectory): disabled, its tokens open nothing here either; its roles are its current ones. */
export type StaffAccountStatus = Pick<StaffDirectory, 'standing'>;

export type StaffTokenCheck = { ok: true; roles: StaffRole[] } | { ok: false; reason: string };

/**
 * Verifies a staff token as the global auth guard does (verifyStaffClaims), for the operations
 * routes that also take other credentials. Only a full sign-in token counts: one issued for a
 * narrower purpose (a second-factor enrolment) opens nothing here.
 */
export async function verifyStaffToken(jwt: JwtService, token: string, accounts?: StaffAccountStatus): Promise<StaffTokenCheck> {
  const verified = await verifyStaffClaims(jwt, token, accounts);
  if (!verified.ok && verified.failure !== 'not-staff') return { ok: false, reason: verified.reason };
  if (!verified.ok || verified.claims.purpose !== undefined) return { ok: false, reason: 'the bearer token is not a staff sign-in token' };
  return { ok: true, roles: verified.claims.roles };
}

export function bearerToken(authorization: string | string[] | undefined): string | undefined {
  const value = Array.isArray(authorization) ? authorization[0] : authorization;
  const [scheme, token] = (value ?? '').split(' ');
  return scheme === 'Bearer' && token ? token : undefined;
}
