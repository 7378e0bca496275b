import { ValidationError } from '@vigil/kernel';

/** Urgency levels, most urgent first: the triage queue sorts on this order, then on age. */
export const URGENCY_LEVELS = ['P1', 'P2', 'P3', 'P4'] as const;
export type UrgencyLevel = (typeof URGENCY_LEVELS)[number];

export const URGENCY_DEFINITIONS: Record<UrgencyLevel, string> = {
  P1: 'imminent risk to a child',
  P2: 'child identified or ongoing abuse',
  P3: 'known offender or distribution of material',
  P4: 'other',
};

export function urgencyRank(level: UrgencyLevel): number {
  return URGENCY_LEVELS.indexOf(level);
}

export function isUrgencyLevel(value: unknown): value is UrgencyLevel {
  return typeof value === 'string' && (URGENCY_LEVELS as readonly string[]).includes(value);
}

/** What the triage rules read from a referral. */
export interface TriageFacts {
  incidentType: string;
  summary: string;
  /** The source's own priority (the tipline's critical/high/normal/low), when it has one. */
  sourcePriority?: string;
  /** The source asked for urgent handling, and why (NCMEC escalateToHighPriority, a police referral). */
  urgentReason?: string;
  childIdentified: boolean;
  priorReports: number;
  identifierCount: number;
  urlCount: number;
  evidenceCount: number;
  locationCount: number;
  annotations: string[];
}

export interface TriageProposal {
  actionable: boolean;
  /** Why it is (not) actionable. */
  validityReason: string;
  urgency: UrgencyLevel;
  /** Every rule that fired, most urgent first. */
  urgencyReasons: string[];
}

export interface TriageDecision {
  actionable: boolean;
  notActionableReason?: string;
  urgency: UrgencyLevel;
  decidedBy: string;
  decidedAt: string;
}

export interface TriageOverride {
  field: 'validity' | 'urgency';
  from: string;
  to: string;
  reason: string;
  by: string;
  at: string;
}

export interface ReferralTriage {
  proposed: TriageProposal;
  decision?: TriageDecision;
  overrides: TriageOverride[];
}

const IMMINENT = /\b(imminent|tonight|tomorrow|meet(?:ing)? (?:up|in person)|in danger|suicid\w*|self[- ]harm|run away|runaway)\b/i;
const ONGOING_TYPES = ['online-luring', 'sextortion-financial', 'sextortion-sexual', 'child-trafficking', 'child-exploitation-through-prostitution', 'travelling-child-sex-offender'];

/**
 * The rules' proposal. Rules propose, investigators decide: every level comes with the rules that
 * put it there. A referral is actionable when it gives police something to act on: a suspect
 * identifier, a URL, media or a place.
 */
export function proposeTriage(facts: TriageFacts): TriageProposal {
  const reasons: Array<{ level: UrgencyLevel; reason: string }> = [];
  if (facts.urgentReason) reasons.push({ level: 'P1', reason: `the source asked for urgent handling: ${facts.urgentReason}` });
  if (facts.sourcePriority === 'critical') reasons.push({ level: 'P1', reason: 'the tipline rated the report critical' });
  const imminent = IMMINENT.exec(facts.summary);
  if (imminent) reasons.push({ level: 'P1', reason: `the summary mentions "${imminent[0]}"` });
  if (facts.childIdentified) reasons.push({ level: 'P2', reason: 'the report identifies a child victim' });
  if (ONGOING_TYPES.includes(facts.incidentType)) reasons.push({ level: 'P2', reason: `${facts.incidentType} is ongoing contact with or abuse of a child` });
  if (facts.annotations.includes('sextortion')) reasons.push({ level: 'P2', reason: 'tagged sextortion by the reporter' });
  if (facts.priorReports > 0) reasons.push({ level: 'P3', reason: `the suspect is named in ${facts.priorReports} earlier report(s): known offender` });
  if (facts.incidentType === 'csam' && facts.evidenceCount > 0) reasons.push({ level: 'P3', reason: `${facts.evidenceCount} file(s) of material: distribution` });
  if (reasons.length === 0) reasons.push({ level: 'P4', reason: 'no urgency indicator' });
  reasons.sort((a, b) => urgencyRank(a.level) - urgencyRank(b.level));

  const leads = [
    facts.identifierCount > 0 ? `${facts.identifierCount} suspect identifier(s)` : '',
    facts.urlCount > 0 ? `${facts.urlCount} URL(s)` : '',
    facts.evidenceCount > 0 ? `${facts.evidenceCount} file reference(s)` : '',
    facts.locationCount > 0 ? `${facts.locationCount} location(s)` : '',
  ].filter(Boolean);
  const spam = facts.annotations.includes('spam');
  const actionable = leads.length > 0 && !spam;
  const validityReason = spam
    ? 'the reporter tagged the report as spam'
    : actionable
      ? `something to act on: ${leads.join(', ')}`
      : 'nothing to act on: no suspect identifier, URL, file or location';
  return { actionable, validityReason, urgency: reasons[0].level, urgencyReasons: reasons.map((item) => `${item.level}: ${item.reason}`) };
}

export interface TriageDecisionInput {
  actionable: boolean;
  notActionableReason?: string;
  urgency: UrgencyLevel;
  /** Required when the decision departs from the proposal (or from the previous decision). */
  reason?: string;
}

/**
 * An investigator's decision. Departing from what stood (the proposal, or an earlier decision)
 * is an override and needs a reason; each override is recorded with who and when.
 */
export function decideTriage(triage: ReferralTriage, input: TriageDecisionInput, by: string, at: Date): ReferralTriage {
  if (typeof input.actionable !== 'boolean') throw new ValidationError('actionable must be true or false', 'actionable');
  if (!isUrgencyLevel(input.urgency)) throw new ValidationError(`urgency must be one of ${URGENCY_LEVELS.join(', ')}`, 'urgency');
  const notActionableReason = input.notActionableReason?.trim();
  if (!input.actionable && !notActionableReason) throw new ValidationError('notActionableReason is required when a referral is not actionable', 'notActionableReason');
  const standing = triage.decision ?? { actionable: triage.proposed.actionable, urgency: triage.proposed.urgency };
  const iso = at.toISOString();
  const overrides: TriageOverride[] = [];
  const reason = input.reason?.trim() ?? '';
  if (standing.actionable !== input.actionable) {
    overrides.push({ field: 'validity', from: validity(standing.actionable), to: validity(input.actionable), reason: reason || notActionableReason || '', by, at: iso });
  }
  if (standing.urgency !== input.urgency) overrides.push({ field: 'urgency', from: standing.urgency, to: input.urgency, reason, by, at: iso });
  if (overrides.some((override) => !override.reason)) throw new ValidationError('reason is required when the decision departs from the proposal', 'reason');
  return {
    proposed: triage.proposed,
    decision: { actionable: input.actionable, ...(input.actionable ? {} : { notActionableReason }), urgency: input.urgency, decidedBy: by, decidedAt: iso },
    overrides: [...triage.overrides, ...overrides],
  };
}

function validity(actionable: boolean): string {
  return actionable ? 'actionable' : 'not-actionable';
}
