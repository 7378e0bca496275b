import { oidcSettingsFromEnv } from '../auth/oidc/oidc.config';
import { staffSignInPolicyFromEnv } from './staff-sign-in.config';

describe('staff sign-in settings', () => {
  it('requires TOTP by default, except with the demo users, and STAFF_REQUIRE_TOTP overrides both ways', () => {
    expect(staffSignInPolicyFromEnv({}, { demoUsers: false })).toEqual({ requireTotp: true, lockoutThreshold: 5, lockoutMinutes: 15 });
    expect(staffSignInPolicyFromEnv({}, { demoUsers: true }).requireTotp).toBe(false);
    expect(staffSignInPolicyFromEnv({ STAFF_REQUIRE_TOTP: 'true' }, { demoUsers: true }).requireTotp).toBe(true);
    expect(staffSignInPolicyFromEnv({ STAFF_REQUIRE_TOTP: 'false' }, { demoUsers: false }).requireTotp).toBe(false);
    expect(staffSignInPolicyFromEnv({ STAFF_LOCKOUT_THRESHOLD: '10', STAFF_LOCKOUT_MINUTES: '60' }, { demoUsers: false })).toMatchObject({ lockoutThreshold: 10, lockoutMinutes: 60 });
  });

  it('stops the start on a bad value, naming the variable', () => {
    expect(() => staffSignInPolicyFromEnv({ STAFF_REQUIRE_TOTP: 'maybe' }, { demoUsers: false })).toThrow('STAFF_REQUIRE_TOTP must be true or false, not "maybe"');
    expect(() => staffSignInPolicyFromEnv({ STAFF_LOCKOUT_THRESHOLD: '0' }, { demoUsers: false })).toThrow(/STAFF_LOCKOUT_THRESHOLD must be a whole number/);
    expect(() => staffSignInPolicyFromEnv({ STAFF_LOCKOUT_MINUTES: 'ten' }, { demoUsers: false })).toThrow(/STAFF_LOCKOUT_MINUTES must be a whole number of minutes/);
  });

  it('has no single sign-on without OIDC_ISSUER, and needs the client settings with it', () => {
    expect(oidcSettingsFromEnv({})).toBeUndefined();
    expect(() => oidcSettingsFromEnv({ OIDC_ISSUER: 'https://id.example.org/realms/hotline' })).toThrow('OIDC_ISSUER is set, so OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URI must be set too');
    const settings = oidcSettingsFromEnv({
      OIDC_ISSUER: 'https://id.example.org/realms/hotline',
      OIDC_CLIENT_ID: 'vigil-tipline',
      OIDC_CLIENT_SECRET: 'secret',
      OIDC_REDIRECT_URI: 'https://tipline.example.org/api/v1/auth/oidc/callback',
      OIDC_ROLES_CLAIM: 'realm_access.roles',
    });
    expect(settings).toMatchObject({ clientId: 'vigil-tipline', rolesClaim: 'realm_access.roles' });
    expect(settings?.issuer.href).toBe('https://id.example.org/realms/hotline');
  });

  it('refuses plain http except for a provider on this machine', () => {
    const env = { OIDC_CLIENT_ID: 'c', OIDC_CLIENT_SECRET: 's', OIDC_REDIRECT_URI: 'http://127.0.0.1:3001/api/v1/auth/oidc/callback' };
    expect(() => oidcSettingsFromEnv({ ...env, OIDC_ISSUER: 'http://id.example.org' })).toThrow('OIDC_ISSUER must be an https URL (http only for localhost), not "http://id.example.org"');
    expect(() => oidcSettingsFromEnv({ ...env, OIDC_ISSUER: 'not a url' })).toThrow('OIDC_ISSUER must be an absolute URL');
    expect(oidcSettingsFromEnv({ ...env, OIDC_ISSUER: 'http://localhost:8080/realms/test' })?.rolesClaim).toBe('roles');
  });
});
