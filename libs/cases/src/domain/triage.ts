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

/** The urgency rules, by code: a UI puts each in words in its reader's language (`values` fill the sentence). */
export const URGENCY_RULES = ['source-urgent', 'source-critical', 'imminent-words', 'child-identified', 'ongoing-contact', 'sextortion-tag', 'known-offender', 'material', 'no-indicator'] as const;
export type UrgencyRule = (typeof URGENCY_RULES)[number];

export interface FiredUrgencyRule {
  level: UrgencyLevel;
  rule: UrgencyRule;
  values?: Record<string, string | number>;
}

/** What gives police something to act on, counted; `spam` when the reporter tagged it so. */
export interface ValidityFinding {
  rule: 'spam' | 'leads' | 'no-leads';
  leads?: { identifiers: number; urls: number; files: number; locations: number };
}

export interface TriageProposal {
  actionable: boolean;
  /** Why it is (not) actionable, in English (records and the API). */
  validityReason: string;
  urgency: UrgencyLevel;
  /** Every rule that fired, most urgent first, in English ("P2: …"). */
  urgencyReasons: string[];
  /**
   * The same rules and finding as codes, for a UI in either language. Optional: proposals made
   * before they existed have only the sentences above.
   */
  urgencyRules?: FiredUrgencyRule[];
  validity?: ValidityFinding;
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
  const fired: FiredUrgencyRule[] = [];
  if (facts.urgentReason) fired.push({ level: 'P1', rule: 'source-urgent', values: { reason: facts.urgentReason } });
  if (facts.sourcePriority === 'critical') fired.push({ level: 'P1', rule: 'source-critical' });
  const imminent = IMMINENT.exec(facts.summary);
  if (imminent) fired.push({ level: 'P1', rule: 'imminent-words', values: { words: imminent[0] } });
  if (facts.childIdentified) fired.push({ level: 'P2', rule: 'child-identified' });
  if (ONGOING_TYPES.includes(facts.incidentType)) fired.push({ level: 'P2', rule: 'ongoing-contact', values: { incidentType: facts.incidentType } });
  if (facts.annotations.includes('sextortion')) fired.push({ level: 'P2', rule: 'sextortion-tag' });
  if (facts.priorReports > 0) fired.push({ level: 'P3', rule: 'known-offender', values: { count: facts.priorReports } });
  if (facts.incidentType === 'csam' && facts.evidenceCount > 0) fired.push({ level: 'P3', rule: 'material', values: { count: facts.evidenceCount } });
  if (fired.length === 0) fired.push({ level: 'P4', rule: 'no-indicator' });
  fired.sort((a, b) => urgencyRank(a.level) - urgencyRank(b.level));

  const leads = { identifiers: facts.identifierCount, urls: facts.urlCount, files: facts.evidenceCount, locations: facts.locationCount };
  const spam = facts.annotations.includes('spam');
  const hasLeads = Object.values(leads).some((count) => count > 0);
  const validity: ValidityFinding = spam ? { rule: 'spam' } : hasLeads ? { rule: 'leads', leads } : { rule: 'no-leads' };
  return {
    actionable: validity.rule === 'leads',
    validityReason: validityInEnglish(validity),
    urgency: fired[0].level,
    urgencyReasons: fired.map((item) => `${item.level}: ${urgencyRuleInEnglish(item)}`),
    urgencyRules: fired,
    validity,
  };
}

/** The rule's sentence as the API and the records give it. */
function urgencyRuleInEnglish({ rule, values = {} }: FiredUrgencyRule): string {
  switch (rule) {
    case 'source-urgent':
      return `the source asked for urgent handling: ${values.reason}`;
    case 'source-critical':
      return 'the tipline rated the report critical';
    case 'imminent-words':
      return `the summary mentions "${values.words}"`;
    case 'child-identified':
      return 'the report identifies a child victim';
    case 'ongoing-contact':
      return `${values.incidentType} is ongoing contact with or abuse of a child`;
    case 'sextortion-tag':
      return 'tagged sextortion by the reporter';
    case 'known-offender':
      return `the suspect is named in ${values.count} earlier report(s): known offender`;
    case 'material':
      return `${values.count} file(s) of material: distribution`;
    case 'no-indicator':
      return 'no urgency indicator';
  }
}

function validityInEnglish(validity: ValidityFinding): string {
  if (validity.rule === 'spam') return 'the reporter tagged the report as spam';
  if (validity.rule === 'no-leads') return 'nothing to act on: no suspect identifier, URL, file or location';
  const { identifiers, urls, files, locations } = validity.leads ?? { identifiers: 0, urls: 0, files: 0, locations: 0 };
  const leads = [
    identifiers > 0 ? `${identifiers} suspect identifier(s)` : '',
    urls > 0 ? `${urls} URL(s)` : '',
    files > 0 ? `${files} file reference(s)` : '',
    locations > 0 ? `${locations} location(s)` : '',
  ].filter(Boolean);
  return `something to act on: ${leads.join(', ')}`;
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
