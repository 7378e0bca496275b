import type { PartnerScope, StaffRole } from '@vigil/security';
import type { AppPolicy, RoutePolicy } from './authorization-policy';
import type { RouteKey } from './route-inventory';

/** Who calls: nobody, a staff member with these roles, or a partner key with this scope. */
export type Principal = { kind: 'anonymous' } | { kind: 'staff'; username: string; roles: readonly StaffRole[] } | { kind: 'partner'; scope: PartnerScope };

/**
 * What the guards must answer: let the call through (any status but 401/403), refuse it with
 * this status, or refuse it either way (`refused`: 401 or 403).
 */
export type Expected = 'pass' | 401 | 403 | 'refused';

export function expectedOutcome(policy: RoutePolicy, principal: Principal): Expected {
  if ('public' in policy) return 'pass';
  if (principal.kind === 'anonymous') return 401;
  if (principal.kind === 'partner') {
    if (!policy.partner) return 'refused'; // no key is a credential here: "who are you" and "not you" both refuse it
    return policy.partner === principal.scope ? 'pass' : 403;
  }
  if (policy.roles === 'any-staff' || principal.roles.includes('admin')) return 'pass';
  return policy.roles.some((role) => principal.roles.includes(role)) ? 'pass' : 403;
}

/** The routes an app serves without a decision, and the decisions for routes it no longer serves. */
export function policyDiff(served: readonly RouteKey[], policy: AppPolicy): { missing: RouteKey[]; extra: string[] } {
  const servedSet = new Set<string>(served);
  return {
    missing: served.filter((route) => !(route in policy)),
    extra: Object.keys(policy).filter((route) => !servedSet.has(route)),
  };
}

/** A message the coordinator can act on: the exact entries to add or remove. */
export function describePolicyDiff(app: string, diff: { missing: string[]; extra: string[] }, decorated: ReadonlyMap<string, RoutePolicy> = new Map()): string {
  const lines: string[] = [];
  if (diff.missing.length > 0) {
    lines.push(`${app}: served but not in tools/launcher/src/e2e/security/authorization-policy.ts (add a reviewed decision; shown is what the decorators say now):`);
    for (const route of diff.missing) {
      const decision = decorated.get(route);
      lines.push(`    '${route}': ${decision ? `${policyLiteral(decision)},` : "{ ... }, // not a Nest route: decide by hand"}`);
    }
  }
  if (diff.extra.length > 0) {
    lines.push(`${app}: in the policy but no longer served (remove):`);
    for (const route of diff.extra) lines.push(`    '${route}'`);
  }
  return lines.join('\n');
}

/** Whether an answer's status is what the policy expects. */
export function statusMatches(expected: Expected, status: number): boolean {
  if (expected === 'pass') return status !== 401 && status !== 403 && status < 500;
  if (expected === 'refused') return status === 401 || status === 403;
  return status === expected;
}

/** A policy entry as it is written in authorization-policy.ts. */
export function policyLiteral(policy: RoutePolicy): string {
  if ('public' in policy) return '{ public: true }';
  const roles = policy.roles === 'any-staff' ? "'any-staff'" : `[${policy.roles.map((role) => `'${role}'`).join(', ')}]`;
  return `{ roles: ${roles}${policy.partner ? `, partner: '${policy.partner}'` : ''} }`;
}

/** OpenAPI writes `/cases/{id}`; Express and the policy write `/cases/:id`. */
export function openApiRoutes(document: { paths?: Record<string, Record<string, unknown>> }): RouteKey[] {
  const methods = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options']);
  const routes: RouteKey[] = [];
  for (const [path, operations] of Object.entries(document.paths ?? {})) {
    for (const method of Object.keys(operations)) {
      if (methods.has(method)) routes.push(`${method.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`);
    }
  }
  return routes.sort();
}

/** A callable URL for a route: dummy ids that pass parameter parsing and name nothing. */
export const DUMMY_ID = '00000000-0000-4000-8000-000000000000';
export function concretePath(path: string): string {
  return path.replace(/:([A-Za-z]+)/g, (_match, name: string) => (name === 'version' ? '1' : DUMMY_ID));
}
