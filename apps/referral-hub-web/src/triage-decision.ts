import type { Case, Referral, TriageDecisionRequest } from './api';
import { URGENCY_LEVELS, type UrgencyLevel } from './vocabulary';

/** What stands for a referral: the investigator's decision if there is one, else the rules' proposal. */
export interface TriageStanding {
  actionable: boolean;
  urgency: UrgencyLevel;
  decided: boolean;
}

export function triageStanding(triage: Referral['triage']): TriageStanding {
  const decision = triage.decision;
  return decision ? { actionable: decision.actionable, urgency: decision.urgency, decided: true } : { actionable: triage.proposed.actionable, urgency: triage.proposed.urgency, decided: false };
}

export interface TriageChoice {
  actionable: boolean;
  urgency: UrgencyLevel;
  notActionableReason: string;
  reason: string;
}

/**
 * The fields where the choice departs from what stands: the server records each as an override
 * and refuses it without a reason, so the form says so before it is sent.
 */
export function departures(standing: Pick<TriageStanding, 'actionable' | 'urgency'>, choice: Pick<TriageChoice, 'actionable' | 'urgency'>): Array<'validity' | 'urgency'> {
  const changed: Array<'validity' | 'urgency'> = [];
  if (standing.actionable !== choice.actionable) changed.push('validity');
  if (standing.urgency !== choice.urgency) changed.push('urgency');
  return changed;
}

/** The request body: blank texts left out, the not-actionable reason only when it applies. */
export function decisionRequest(choice: TriageChoice): TriageDecisionRequest {
  const notActionableReason = choice.notActionableReason.trim();
  const reason = choice.reason.trim();
  return {
    actionable: choice.actionable,
    urgency: choice.urgency,
    ...(!choice.actionable && notActionableReason ? { notActionableReason } : {}),
    ...(reason ? { reason } : {}),
  };
}

/** A case is as urgent as its most urgent referral, as each stands. */
export function caseUrgency(kase: Pick<Case, 'reports'>): UrgencyLevel {
  const ranks = kase.reports.map((referral) => URGENCY_LEVELS.indexOf(triageStanding(referral.triage).urgency));
  return URGENCY_LEVELS[Math.min(URGENCY_LEVELS.length - 1, ...ranks)];
}
