import { rolesFromClaims } from './oidc-roles';

const TIPLINE = ['analyst', 'supervisor', 'reviewer', 'auditor', 'admin'] as const;

describe('roles from identity-provider claims', () => {
  it("keeps the claim's roles that the service allows, and drops the rest", () => {
    expect(rolesFromClaims({ roles: ['analyst', 'investigator', 'domain-users', 'analyst'] }, 'roles', TIPLINE)).toEqual(['analyst']);
    expect(rolesFromClaims({ roles: ['investigator'] }, 'roles', TIPLINE)).toEqual([]);
  });

  it('reads a nested claim by its dotted path (Keycloak realm roles)', () => {
    expect(rolesFromClaims({ realm_access: { roles: ['supervisor', 'offline_access'] } }, 'realm_access.roles', TIPLINE)).toEqual(['supervisor']);
    expect(rolesFromClaims({ realm_access: ['supervisor'] }, 'realm_access.roles', TIPLINE)).toEqual([]);
  });

  it('reads a space- or comma-separated string claim', () => {
    expect(rolesFromClaims({ groups: 'analyst reviewer,auditor' }, 'groups', TIPLINE)).toEqual(['analyst', 'reviewer', 'auditor']);
  });

  it('grants nothing when the claim is absent or of another type, and ignores non-string entries', () => {
    expect(rolesFromClaims({}, 'roles', TIPLINE)).toEqual([]);
    expect(rolesFromClaims({ roles: 42 }, 'roles', TIPLINE)).toEqual([]);
    expect(rolesFromClaims({ roles: [{ name: 'admin' }, null, 'auditor'] }, 'roles', TIPLINE)).toEqual(['auditor']);
  });

  it('grants admin only where the allow-list has it', () => {
    expect(rolesFromClaims({ roles: ['admin'] }, 'roles', ['analyst'])).toEqual([]);
    expect(rolesFromClaims({ roles: ['admin'] }, 'roles', TIPLINE)).toEqual(['admin']);
  });
});
