import type { StaffRole } from '../staff-directory';

/**
 * The service roles an identity provider's claim grants: the values at `claimPath` (an array, or
 * one string of space- or comma-separated names) that this service allows. Anything else the
 * provider sends (its own groups, another service's roles, `admin` where not allowed) is ignored,
 * so the provider cannot hand out more than the allow-list.
 */
export function rolesFromClaims(claims: Record<string, unknown>, claimPath: string, allowed: readonly StaffRole[]): StaffRole[] {
  let value: unknown = claims;
  for (const part of claimPath.split('.')) {
    value = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>)[part] : undefined;
  }
  const names = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,]+/) : [];
  const granted = names.filter((name): name is StaffRole => typeof name === 'string' && (allowed as readonly string[]).includes(name));
  return [...new Set(granted)];
}
