import { ConflictError, ValidationError } from '@vigil/kernel';
import { isIncidentType, type IncidentType } from './incident-type';
import { isOffenceCategory, type OffenceCategory } from './offence-category';

/** What an analyst did to a report; every entry is shown, in order, on the report's timeline. */
export type TriageAction =
  | 'claimed'
  | 'released'
  | 'assigned'
  | 'priority-overridden'
  | 'classified'
  | 'note-added'
  | 'split'
  | 'escalated'
  | 'takedown-requested'
  | 'forwarded-abroad'
  | 'closed';

export interface TimelineEntry {
  at: string;
  by: string;
  action: TriageAction;
  /** One line for people, e.g. "priority normal → critical: child named in chat". */
  summary: string;
  data?: Record<string, unknown>;
}

export interface ReportClaim {
  by: string;
  at: string;
  expiresAt: string;
}

export interface ReportClassification {
  incidentType: IncidentType;
  offences: OffenceCategory[];
  /** true when the analyst kept the type the report came with, false when they corrected it. */
  confirmed: boolean;
  by: string;
  at: string;
}

export interface ReportIncident {
  id: string;
  incidentType: IncidentType;
  description: string;
  urls: string[];
  offences: OffenceCategory[];
}

/** An incident as an analyst (or a partner) describes it, before validation. */
export interface IncidentInput {
  id: string;
  incidentType: string;
  description: string;
  urls: string[];
  offences?: string[];
}

export type TriageDecision =
  | { kind: 'escalated'; by: string; at: string }
  | { kind: 'takedown-requested'; by: string; at: string; urls: string[] }
  | { kind: 'forwarded-abroad'; by: string; at: string; country: string; hotline: string }
  | { kind: 'closed'; by: string; at: string; reason: string };

export interface ReportTriageSnapshot {
  reportId: string;
  claim?: ReportClaim;
  classification?: ReportClassification;
  incidents: ReportIncident[];
  decisions: TriageDecision[];
  timeline: TimelineEntry[];
  /** The first analyst action on the report: "time to first triage" is measured to it. */
  firstTriagedAt?: string;
  firstTriagedBy?: string;
  version: number;
}

export const MAX_NOTE = 10000;
export const MAX_INCIDENTS = 50;

/**
 * The analysts' work on one report: who holds it, how they classified it, how they split it
 * into incidents, what they decided, and a timeline of all of it. Kept apart from the Report
 * aggregate so intake and the hash-match consumer never contend with an analyst's edits.
 *
 * A claim is a soft lock with an expiry: while one analyst holds it, another's actions are
 * refused (409 naming the holder); once it expires anyone may act or claim.
 */
export class ReportTriage {
  private constructor(private state: ReportTriageSnapshot) {}

  static start(reportId: string): ReportTriage {
    return new ReportTriage({ reportId, incidents: [], decisions: [], timeline: [], version: 0 });
  }

  static restore(snapshot: ReportTriageSnapshot): ReportTriage {
    return new ReportTriage(structuredClone(snapshot));
  }

  snapshot(): ReportTriageSnapshot {
    return structuredClone(this.state);
  }

  /** The claim in force at `at`, if any. */
  activeClaim(at: Date): ReportClaim | undefined {
    const claim = this.state.claim;
    return claim && new Date(claim.expiresAt).getTime() > at.getTime() ? { ...claim } : undefined;
  }

  claim(by: string, at: Date, ttlMinutes: number): ReportClaim {
    this.assertMayAct(by, at);
    const claim = { by, at: at.toISOString(), expiresAt: new Date(at.getTime() + ttlMinutes * 60_000).toISOString() };
    this.state.claim = claim;
    this.record(by, at, 'claimed', `claimed until ${claim.expiresAt}`, { expiresAt: claim.expiresAt });
    return { ...claim };
  }

  /** The holder lets go; a supervisor may release anyone's claim. */
  release(by: string, at: Date, asSupervisor: boolean): void {
    const claim = this.activeClaim(at);
    if (!claim) throw new ConflictError('this report is not claimed');
    if (claim.by !== by && !asSupervisor) throw new ConflictError(`this report is claimed by ${claim.by}; only they or a supervisor can release it`);
    this.state.claim = undefined;
    this.record(by, at, 'released', claim.by === by ? 'released the claim' : `released ${claim.by}'s claim`, { heldBy: claim.by });
  }

  /** A supervisor hands the report to an analyst, replacing any claim. */
  assign(by: string, analyst: string, at: Date, ttlMinutes: number): ReportClaim {
    if (!analyst.trim()) throw new ValidationError('analyst: name the analyst to assign', 'analyst');
    const previous = this.activeClaim(at);
    const claim = { by: analyst, at: at.toISOString(), expiresAt: new Date(at.getTime() + ttlMinutes * 60_000).toISOString() };
    this.state.claim = claim;
    this.record(by, at, 'assigned', `assigned to ${analyst}${previous && previous.by !== analyst ? ` (was held by ${previous.by})` : ''}`, { analyst, previous: previous?.by });
    return { ...claim };
  }

  /** Records an action taken on the Report aggregate (priority, escalation) on the timeline. */
  recordReportAction(by: string, at: Date, action: 'priority-overridden' | 'escalated', summary: string, data?: Record<string, unknown>): void {
    this.assertMayAct(by, at);
    if (action === 'escalated') this.state.decisions.push({ kind: 'escalated', by, at: at.toISOString() });
    this.record(by, at, action, summary, data);
  }

  classify(by: string, at: Date, input: { incidentType: string; offences: string[]; reportedType: IncidentType }): ReportClassification {
    this.assertMayAct(by, at);
    if (!isIncidentType(input.incidentType)) throw new ValidationError(`incidentType: "${input.incidentType}" is not a known incident type`, 'incidentType');
    const offences = checkOffences(input.offences, 'offences');
    const classification: ReportClassification = {
      incidentType: input.incidentType,
      offences,
      confirmed: input.incidentType === input.reportedType,
      by,
      at: at.toISOString(),
    };
    this.state.classification = classification;
    const verb = classification.confirmed ? `confirmed ${input.incidentType}` : `corrected ${input.reportedType} → ${input.incidentType}`;
    this.record(by, at, 'classified', `${verb}${offences.length ? ` (${offences.join(', ')})` : ''}`, { incidentType: input.incidentType, offences, confirmed: classification.confirmed });
    return { ...classification };
  }

  addNote(by: string, at: Date, text: string): void {
    this.assertMayAct(by, at);
    const note = text.trim();
    if (!note) throw new ValidationError('text: the note is empty', 'text');
    if (note.length > MAX_NOTE) throw new ValidationError(`text: at most ${MAX_NOTE} characters`, 'text');
    this.record(by, at, 'note-added', note);
  }

  /** Replaces the report's incidents with the analyst's split; URLs must be the report's own. */
  split(by: string, at: Date, incidents: IncidentInput[], reportUrls: readonly string[]): ReportIncident[] {
    this.assertMayAct(by, at);
    if (incidents.length === 0) throw new ValidationError('incidents: give at least one incident', 'incidents');
    if (incidents.length > MAX_INCIDENTS) throw new ValidationError(`incidents: at most ${MAX_INCIDENTS}`, 'incidents');
    const checked = incidents.map((incident, index) => {
      if (!isIncidentType(incident.incidentType)) throw new ValidationError(`incidents[${index}].incidentType: "${incident.incidentType}" is not a known incident type`, `incidents[${index}].incidentType`);
      const foreign = incident.urls.find((url) => !reportUrls.includes(url));
      if (foreign) throw new ValidationError(`incidents[${index}].urls: ${foreign} is not one of this report's URLs`, `incidents[${index}].urls`);
      return { id: incident.id, incidentType: incident.incidentType, description: incident.description.trim(), urls: [...incident.urls], offences: checkOffences(incident.offences ?? [], `incidents[${index}].offences`) };
    });
    this.state.incidents = checked;
    this.record(by, at, 'split', `split into ${checked.length} incident(s): ${checked.map((incident) => incident.incidentType).join(', ')}`, { incidents: checked.map((incident) => incident.id) });
    return structuredClone(checked);
  }

  /** Incidents as the partner sent them (industry reports); not an analyst action. */
  seedIncidents(incidents: ReportIncident[]): void {
    this.state.incidents = structuredClone(incidents);
  }

  /**
   * Records a takedown request for the URLs not requested before; asking again for the same ones
   * is a conflict (the first request already went to hash detection, and a second would only
   * repeat the timeline). Returns the URLs newly requested.
   */
  requestTakedown(by: string, at: Date, urls: string[]): string[] {
    this.assertMayAct(by, at);
    const earlier = this.state.decisions.filter((decision): decision is Extract<TriageDecision, { kind: 'takedown-requested' }> => decision.kind === 'takedown-requested');
    const requested = new Set(earlier.flatMap((decision) => decision.urls));
    const fresh = urls.filter((url) => !requested.has(url));
    if (fresh.length === 0) {
      const last = earlier[earlier.length - 1];
      throw new ConflictError(`urls: takedown was already requested for ${urls.length === 1 ? 'this URL' : 'these URLs'} (last by ${last.by} at ${last.at})`, 'urls');
    }
    this.state.decisions.push({ kind: 'takedown-requested', by, at: at.toISOString(), urls: fresh });
    this.record(by, at, 'takedown-requested', `takedown requested for ${fresh.length} URL(s)`, { urls: fresh });
    return [...fresh];
  }

  forwardAbroad(by: string, at: Date, country: string, hotline: string, note?: string): void {
    this.assertMayAct(by, at);
    const code = country.trim().toUpperCase();
    if (!/^[A-Z]{2}$/.test(code)) throw new ValidationError('country: an ISO 3166-1 alpha-2 code, e.g. FR', 'country');
    if (!hotline.trim()) throw new ValidationError('hotline: name the hotline the report went to', 'hotline');
    this.state.decisions.push({ kind: 'forwarded-abroad', by, at: at.toISOString(), country: code, hotline: hotline.trim() });
    this.record(by, at, 'forwarded-abroad', `forwarded to ${hotline.trim()} (${code})${note ? `: ${note}` : ''}`, { country: code, hotline: hotline.trim(), note });
  }

  close(by: string, at: Date, reason: string): void {
    this.assertMayAct(by, at);
    const why = reason.trim();
    if (!why) throw new ValidationError('reason: say why the report is closed', 'reason');
    this.state.decisions.push({ kind: 'closed', by, at: at.toISOString(), reason: why });
    this.state.claim = undefined;
    this.record(by, at, 'closed', `closed: ${why}`, { reason: why });
  }

  private assertMayAct(by: string, at: Date): void {
    const claim = this.activeClaim(at);
    if (claim && claim.by !== by) throw new ConflictError(`this report is claimed by ${claim.by} until ${claim.expiresAt}`);
  }

  private record(by: string, at: Date, action: TriageAction, summary: string, data?: Record<string, unknown>): void {
    if (!this.state.firstTriagedAt) {
      this.state.firstTriagedAt = at.toISOString();
      this.state.firstTriagedBy = by;
    }
    this.state.timeline.push({ at: at.toISOString(), by, action, summary, ...(data ? { data } : {}) });
  }
}

function checkOffences(values: string[], field: string): OffenceCategory[] {
  const unknown = values.find((value) => !isOffenceCategory(value));
  if (unknown !== undefined) throw new ValidationError(`${field}: "${unknown}" is not a known offence category`, field);
  return [...new Set(values as OffenceCategory[])];
}
