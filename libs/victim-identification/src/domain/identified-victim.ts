import { ConflictError, ValidationError } from '@vigil/kernel';

export const AGE_BANDS = ['0-3', '4-7', '8-11', '12-14', '15-17'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
/** GBA Plus asks for gender beyond a binary: another gender, and unknown when not established. */
export const GENDERS = ['girl', 'boy', 'another-gender', 'unknown'] as const;
export type Gender = (typeof GENDERS)[number];
export const ICSE_STATES = ['pending', 'submitted', 'accepted'] as const;
export type IcseState = (typeof ICSE_STATES)[number];

/** Digests of the media showing the victim (the media never enters this log). */
export const VICTIM_HASH_HEX_LENGTH = { md5: 32, sha1: 40, sha256: 64, pdq: 64 } as const;
export type VictimHashType = keyof typeof VICTIM_HASH_HEX_LENGTH;
export interface VictimMediaHash {
  type: VictimHashType;
  value: string;
}

export interface IcseSubmission {
  state: IcseState;
  /** INTERPOL's reference for the record in ICSE; required once ICSE has accepted it. */
  interpolReference?: string;
  submittedAt?: string;
  acceptedAt?: string;
}

export interface VictimHistoryEntry {
  at: string;
  by: string;
  change: 'recorded' | 'icse-submitted' | 'icse-accepted';
  detail?: string;
}

/**
 * An identified victim, under a pseudonymous id only: no name is ever stored. The record
 * follows its submission to INTERPOL's ICSE database (pending → submitted → accepted) and keeps
 * every change with who made it and when.
 */
export interface IdentifiedVictim {
  id: string;
  pseudonym: string;
  ageBand: AgeBand;
  gender: Gender;
  /** Province or territory code (ON, QC, …), as the jurisdictions registry spells it. */
  province: string;
  /** Calendar date of the identification (YYYY-MM-DD). */
  identifiedOn: string;
  /** Police service id from the jurisdictions registry. */
  identifyingAgency: string;
  caseId?: string;
  /** Names of the media series the victim appears in, as the hash banks spell them. */
  series: string[];
  hashes: VictimMediaHash[];
  icse: IcseSubmission;
  history: VictimHistoryEntry[];
  /** Optimistic concurrency: bumped on every change. */
  version: number;
}

export interface RecordIdentification {
  id: string;
  pseudonym: string;
  ageBand: string;
  gender: string;
  province: string;
  identifiedOn: string;
  identifyingAgency: string;
  caseId?: string;
  series?: string[];
  hashes?: Array<{ type: string; value: string }>;
}

/** What the domain needs to know about places and agencies, from the jurisdictions registry. */
export interface VictimReferenceData {
  isPoliceService(id: string): boolean;
  isProvince(code: string): boolean;
}

const PSEUDONYM = /^VIC-[0-9A-Z]{6,}$/;
const MAX_SERIES = 100;
const MAX_HASHES = 1000;

export function recordIdentification(
  input: RecordIdentification,
  context: { by: string; at: Date; reference: VictimReferenceData },
): IdentifiedVictim {
  if (!PSEUDONYM.test(input.pseudonym)) throw new ValidationError('pseudonym: use the form VIC-XXXXXX (never a name)', 'pseudonym');
  if (!(AGE_BANDS as readonly string[]).includes(input.ageBand)) throw new ValidationError(`ageBand: one of ${AGE_BANDS.join(', ')}`, 'ageBand');
  if (!(GENDERS as readonly string[]).includes(input.gender)) throw new ValidationError(`gender: one of ${GENDERS.join(', ')}`, 'gender');
  if (!context.reference.isProvince(input.province)) throw new ValidationError(`province: ${input.province} is not a Canadian province or territory code`, 'province');
  const identifiedOn = calendarDate(input.identifiedOn);
  if (identifiedOn > context.at.toISOString().slice(0, 10)) throw new ValidationError('identifiedOn: cannot be in the future', 'identifiedOn');
  if (!context.reference.isPoliceService(input.identifyingAgency)) {
    throw new ValidationError(`identifyingAgency: ${input.identifyingAgency} is not a police service in the registry`, 'identifyingAgency');
  }
  const series = [...new Set((input.series ?? []).map((name) => name.trim()).filter((name) => name.length > 0))];
  if (series.length > MAX_SERIES) throw new ValidationError(`series: at most ${MAX_SERIES}`, 'series');
  const hashes = normaliseHashes(input.hashes ?? []);
  const at = context.at.toISOString();
  return {
    id: input.id,
    pseudonym: input.pseudonym,
    ageBand: input.ageBand as AgeBand,
    gender: input.gender as Gender,
    province: input.province,
    identifiedOn,
    identifyingAgency: input.identifyingAgency,
    caseId: input.caseId,
    series,
    hashes,
    icse: { state: 'pending' },
    history: [{ at, by: context.by, change: 'recorded' }],
    version: 1,
  };
}

/** Moves the ICSE submission one step on; acceptance must carry INTERPOL's reference. */
export function advanceIcse(victim: IdentifiedVictim, to: IcseState, context: { by: string; at: Date; interpolReference?: string }): IdentifiedVictim {
  const next: Record<IcseState, IcseState | undefined> = { pending: 'submitted', submitted: 'accepted', accepted: undefined };
  if (next[victim.icse.state] !== to) throw new ConflictError(`icse: cannot go from ${victim.icse.state} to ${to}`, 'state');
  const reference = context.interpolReference?.trim();
  if (to === 'accepted' && !reference) throw new ValidationError('interpolReference: ICSE acceptance carries INTERPOL’s reference', 'interpolReference');
  const at = context.at.toISOString();
  const icse: IcseSubmission =
    to === 'submitted'
      ? { ...victim.icse, state: 'submitted', submittedAt: at }
      : { ...victim.icse, state: 'accepted', acceptedAt: at, interpolReference: reference };
  const entry: VictimHistoryEntry = { at, by: context.by, change: to === 'submitted' ? 'icse-submitted' : 'icse-accepted', detail: to === 'accepted' ? `INTERPOL reference ${reference}` : undefined };
  return { ...victim, icse, history: [...victim.history, entry], version: victim.version + 1 };
}

function calendarDate(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(`${value}T00:00:00Z`) : undefined;
  if (!match || !date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new ValidationError('identifiedOn: a calendar date, YYYY-MM-DD', 'identifiedOn');
  }
  return value;
}

function normaliseHashes(hashes: Array<{ type: string; value: string }>): VictimMediaHash[] {
  if (hashes.length > MAX_HASHES) throw new ValidationError(`hashes: at most ${MAX_HASHES}`, 'hashes');
  const seen = new Set<string>();
  const result: VictimMediaHash[] = [];
  for (const [index, hash] of hashes.entries()) {
    if (!Object.prototype.hasOwnProperty.call(VICTIM_HASH_HEX_LENGTH, hash.type)) {
      throw new ValidationError(`hashes.${index}.type: one of ${Object.keys(VICTIM_HASH_HEX_LENGTH).join(', ')}`, 'hashes');
    }
    const type = hash.type as VictimHashType;
    const value = hash.value.trim().toLowerCase();
    if (!/^[0-9a-f]+$/.test(value) || value.length !== VICTIM_HASH_HEX_LENGTH[type]) {
      throw new ValidationError(`hashes.${index}.value: a ${type} hash is ${VICTIM_HASH_HEX_LENGTH[type]} hexadecimal characters`, 'hashes');
    }
    if (seen.has(`${type}:${value}`)) continue;
    seen.add(`${type}:${value}`);
    result.push({ type, value });
  }
  return result;
}
