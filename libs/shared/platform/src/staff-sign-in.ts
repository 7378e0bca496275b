import type { ServiceName } from '@vigil/contracts';
import {
  OidcSignIn,
  oidcSettingsFromEnv,
  SqlStaffAccountStore,
  StaffAccountAdmin,
  StaffAccountDirectory,
  staffSignInPolicyFromEnv,
  type SecurityOptions,
  type StaffRole,
} from '@vigil/security';
import type { ServiceInfrastructure, ServiceRuntimeOptions } from './service-infrastructure';

/**
 * The roles each service grants: those its routes ask for, plus the auditor (audit log) and the
 * administrator. A staff account, or a role claimed by the identity provider, holds no other
 * role in that service.
 */
export const SERVICE_STAFF_ROLES: Record<ServiceName, readonly StaffRole[]> = {
  tipline: ['analyst', 'supervisor', 'reviewer', 'auditor', 'admin'],
  'hash-detection': ['analyst', 'supervisor', 'reviewer', 'bank-curator', 'auditor', 'admin'],
  'referral-hub': ['investigator', 'supervisor', 'victim-id-officer', 'auditor', 'admin'],
};

const ISSUER: Record<ServiceName, string> = { tipline: 'Vigil tipline', 'hash-detection': 'Vigil hash detection', 'referral-hub': 'Vigil referral hub' };

/**
 * How staff sign in to one service: its staff_accounts table (seeded with the launcher's
 * accounts when absent), the TOTP and lockout policy from the environment, the administrators'
 * account API, and single sign-on when OIDC_ISSUER is set. A runtime that passes a fixed
 * staffDirectory (some tests) signs in with that instead; the account API still works.
 */
export async function staffSignIn(infra: ServiceInfrastructure, runtime: ServiceRuntimeOptions, env: Record<string, string | undefined> = process.env): Promise<Pick<SecurityOptions, 'staffDirectory' | 'staffAccounts' | 'oidc'>> {
  const allowedRoles = SERVICE_STAFF_ROLES[infra.name];
  const store = new SqlStaffAccountStore(infra.schema, () => infra.transactions.manager);
  const inTransaction = <T>(work: () => Promise<T>) => infra.transactions.run(() => work());
  const staffAccounts = new StaffAccountAdmin(store, infra.audit, { allowedRoles, inTransaction });
  if (runtime.seedStaff && runtime.seedStaff.length > 0) {
    const added = await staffAccounts.seed(runtime.seedStaff);
    if (added > 0) infra.log(`added ${added} staff account(s) from the launcher (demo users or VIGIL_STAFF_FILE)`);
  }
  const policy = staffSignInPolicyFromEnv(env, { demoUsers: runtime.demoStaff === true });
  const directory = runtime.staffDirectory ?? new StaffAccountDirectory(store, { policy, cipher: infra.cipher, audit: infra.audit, schema: infra.schema, issuer: ISSUER[infra.name], log: infra.log, inTransaction, allowedRoles });
  const oidcSettings = oidcSettingsFromEnv(env);
  return { staffDirectory: directory, staffAccounts, oidc: oidcSettings && new OidcSignIn(oidcSettings, allowedRoles) };
}
