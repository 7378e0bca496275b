import { concretePath, describePolicyDiff, expectedOutcome, openApiRoutes, policyDiff, statusMatches } from './authorization-matrix';
import { AUTHORIZATION_POLICY } from './authorization-policy';
import { STAFF_ROLES, PARTNER_SCOPE_VALUES } from '@vigil/security';

describe('authorization matrix rules', () => {
  const analyst = { kind: 'staff', username: 'analyst', roles: ['analyst'] } as const;
  const admin = { kind: 'staff', username: 'admin', roles: ['admin'] } as const;

  it('lets anyone through a public route', () => {
    expect(expectedOutcome({ public: true }, { kind: 'anonymous' })).toBe('pass');
    expect(expectedOutcome({ public: true }, { kind: 'partner', scope: 'match' })).toBe('pass');
  });

  it('refuses anonymous callers with 401 and staff without the role with 403; admin holds every role', () => {
    const policy = { roles: ['investigator' as const] };
    expect(expectedOutcome(policy, { kind: 'anonymous' })).toBe(401);
    expect(expectedOutcome(policy, analyst)).toBe(403);
    expect(expectedOutcome(policy, admin)).toBe('pass');
    expect(expectedOutcome({ roles: 'any-staff' }, analyst)).toBe('pass');
  });

  it('takes a partner key only on partner routes and only with the route scope', () => {
    expect(expectedOutcome({ roles: ['analyst'], partner: 'match' }, { kind: 'partner', scope: 'match' })).toBe('pass');
    expect(expectedOutcome({ roles: ['analyst'], partner: 'match' }, { kind: 'partner', scope: 'referrals' })).toBe(403);
    expect(expectedOutcome({ roles: ['analyst'] }, { kind: 'partner', scope: 'match' })).toBe('refused');
  });

  it('lets a route refuse a key it takes no scope for with 401 or 403, and nothing else', () => {
    expect([401, 403].map((status) => statusMatches('refused', status))).toEqual([true, true]);
    expect([200, 404, 500].map((status) => statusMatches('refused', status))).toEqual([false, false, false]);
    expect([200, 400, 404].map((status) => statusMatches('pass', status))).toEqual([true, true, true]);
    expect([401, 403, 500].map((status) => statusMatches('pass', status))).toEqual([false, false, false]);
    expect(statusMatches(403, 401)).toBe(false);
  });

  it('names the routes that lack a decision and the decisions whose route is gone', () => {
    const diff = policyDiff(['GET /a', 'POST /b'], { 'GET /a': { public: true }, 'GET /gone': { roles: ['admin'] } });
    expect(diff).toEqual({ missing: ['POST /b'], extra: ['GET /gone'] });
    const message = describePolicyDiff('tipline', diff, new Map([['POST /b', { roles: ['analyst', 'supervisor'], partner: 'industry-reports' }]]));
    expect(message).toContain(`'POST /b': { roles: ['analyst', 'supervisor'], partner: 'industry-reports' },`);
    expect(message).toContain(`'GET /gone'`);
  });

  it('reads OpenAPI paths in the router notation and fills route parameters with dummy ids', () => {
    expect(openApiRoutes({ paths: { '/cases/{id}': { get: {}, post: {}, parameters: {} } } })).toEqual(['GET /cases/:id', 'POST /cases/:id']);
    expect(concretePath('/api/v1/cases/:id/packages/:version')).toBe('/api/v1/cases/00000000-0000-4000-8000-000000000000/packages/1');
  });

  it('uses only roles and scopes that exist', () => {
    for (const policy of Object.values(AUTHORIZATION_POLICY).flatMap((app) => Object.values(app))) {
      if ('public' in policy) continue;
      if (policy.roles !== 'any-staff') for (const role of policy.roles) expect(STAFF_ROLES).toContain(role);
      if (policy.partner) expect(PARTNER_SCOPE_VALUES).toContain(policy.partner);
    }
  });
});
