import type { IncidentType } from './incident-type';

/** Lower rank is more urgent; the triage queue sorts by rank, then oldest first. */
export const PRIORITY_LEVELS = ['critical', 'high', 'normal', 'low'] as const;
export type PriorityLevel = (typeof PRIORITY_LEVELS)[number];

export function priorityRank(level: PriorityLevel): number {
  return PRIORITY_LEVELS.indexOf(level);
}

/** Why a report sits where it does in the queue; every automated reason is shown to analysts. */
export interface PriorityReason {
  level: PriorityLevel;
  rule: string;
  detail: string;
  at: string;
}

/** The starting priority a report gets from what the reporter told us. */
export function initialPriority(incidentType: IncidentType, at: Date): PriorityReason {
  const iso = at.toISOString();
  if (incidentType === 'sextortion-financial' || incidentType === 'sextortion-sexual') {
    return { level: 'high', rule: 'active-sextortion', detail: 'sextortion reports are treated as an active threat', at: iso };
  }
  if (incidentType === 'child-trafficking' || incidentType === 'child-exploitation-through-prostitution') {
    return { level: 'high', rule: 'child-at-risk', detail: `${incidentType} may involve a child in ongoing danger`, at: iso };
  }
  return { level: 'normal', rule: 'default', detail: 'no urgency indicator yet', at: iso };
}
