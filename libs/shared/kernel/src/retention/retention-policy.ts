import { ValidationError } from '../errors';

/**
 * How long each kind of record is kept. A rule names a record type, its default period, and
 * the variable that overrides it; `off` keeps that type for ever (legal hold, a policy not yet
 * decided). Pure: the purge job asks it for cut-offs, the stores decide what is due.
 */
export interface RetentionRule {
  /** Kebab-case, e.g. `closed-report`; also the audit resource type (`retention:closed-report`). */
  recordType: string;
  /** What is purged, for people (README, CLI output). */
  description: string;
  defaultKeepDays: number;
}

export interface EffectiveRetentionRule extends RetentionRule {
  /** undefined: kept for ever. */
  keepDays?: number;
  /** The environment variable that sets it: RETENTION_<RECORD_TYPE>_DAYS. */
  variable: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_KEEP_DAYS = 36500;

export function retentionVariable(recordType: string): string {
  return `RETENTION_${recordType.toUpperCase().replace(/-/g, '_')}_DAYS`;
}

export class RetentionPolicy {
  private constructor(readonly rules: readonly EffectiveRetentionRule[]) {}

  /** The rules with their periods from the environment; a malformed value names its variable. */
  static fromSettings(rules: readonly RetentionRule[], env: Readonly<Record<string, string | undefined>>): RetentionPolicy {
    const seen = new Set<string>();
    return new RetentionPolicy(
      rules.map((rule) => {
        if (!/^[a-z][a-z0-9-]*$/.test(rule.recordType)) throw new Error(`retention record type "${rule.recordType}" must be kebab-case`);
        if (seen.has(rule.recordType)) throw new Error(`retention record type "${rule.recordType}" is defined twice`);
        seen.add(rule.recordType);
        const variable = retentionVariable(rule.recordType);
        return { ...rule, variable, keepDays: keepDaysFrom(env[variable]?.trim(), variable, rule.defaultKeepDays) };
      }),
    );
  }

  rule(recordType: string): EffectiveRetentionRule {
    const rule = this.rules.find((candidate) => candidate.recordType === recordType);
    if (!rule) throw new Error(`no retention rule for record type "${recordType}"`);
    return rule;
  }

  /** Records of this type that became eligible before the cut-off are due; undefined when kept for ever. */
  cutoff(recordType: string, now: Date): Date | undefined {
    const { keepDays } = this.rule(recordType);
    return keepDays === undefined ? undefined : new Date(now.getTime() - keepDays * DAY_MS);
  }
}

function keepDaysFrom(raw: string | undefined, variable: string, fallback: number): number | undefined {
  if (raw === undefined || raw === '') return fallback;
  if (raw.toLowerCase() === 'off') return undefined;
  const days = Number(raw);
  if (!Number.isInteger(days) || days < 1 || days > MAX_KEEP_DAYS) {
    throw new ValidationError(`${variable} must be a whole number of days from 1 to ${MAX_KEEP_DAYS}, or "off" to keep for ever, not "${raw}"`, variable);
  }
  return days;
}
