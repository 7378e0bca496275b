import { ConflictError, ValidationError } from '@vigil/kernel';

export const AGE_BANDS = ['0-3', '4-7', '8-11', '12-14', '15-17'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export type Gender = 'girl' | 'boy' | 'another-gender' | 'unknown';
export type IcseState = 'pending' | 'submitted' | 'accepted';

/**
 * An identified victim, under a pseudonymous id only: no name is ever stored. The record
 * follows its submission to INTERPOL's ICSE database (pending → submitted → accepted).
 */
export interface IdentifiedVictim {
  pseudonym: string;
  ageBand: AgeBand;
  gender: Gender;
  province: string;
  identifiedOn: string;
  identifyingAgency: string;
  icse: { state: IcseState; interpolReference?: string };
}

export function recordIdentification(input: Omit<IdentifiedVictim, 'icse'>): IdentifiedVictim {
  if (!/^VIC-[0-9A-Z]{6,}$/.test(input.pseudonym)) throw new ValidationError('pseudonym: use the form VIC-XXXXXX (never a name)', 'pseudonym');
  if (!(AGE_BANDS as readonly string[]).includes(input.ageBand)) throw new ValidationError(`ageBand: one of ${AGE_BANDS.join(', ')}`, 'ageBand');
  return { ...input, icse: { state: 'pending' } };
}

export function advanceIcse(victim: IdentifiedVictim, to: Exclude<IcseState, 'pending'>, interpolReference?: string): IdentifiedVictim {
  const next: Record<IcseState, IcseState | undefined> = { pending: 'submitted', submitted: 'accepted', accepted: undefined };
  if (next[victim.icse.state] !== to) throw new ConflictError(`icse: cannot go from ${victim.icse.state} to ${to}`, 'icse');
  if (to === 'accepted' && !interpolReference) throw new ValidationError('interpolReference: ICSE acceptance carries INTERPOL’s reference', 'interpolReference');
  return { ...victim, icse: { state: to, interpolReference: interpolReference ?? victim.icse.interpolReference } };
}
