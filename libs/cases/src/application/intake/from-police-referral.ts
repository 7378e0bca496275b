import { ValidationError } from '@vigil/kernel';
import { identifier, provenanceFields, usernameIdentifier, type Provenance, type SuspectIdentifier } from '../../domain/identifiers';
import type { LocationHint, ReferralDraft } from '../../domain/referral';

/** A referral from another police service, at home or abroad, as its JSON intake sends it. */
export interface PoliceReferralInput {
  /** The sending agency's own reference: what a retry is recognised by. */
  reference: string;
  agency: { id: string; name: string; country: string };
  incidentType: string;
  summary: string;
  urgentReason?: string;
  childIdentified?: boolean;
  suspect: {
    emails?: string[];
    phones?: string[];
    accounts?: Array<{ platform: string; username: string }>;
    ipAddresses?: Array<{ ip: string; at?: string }>;
    paymentHandles?: string[];
    devices?: Array<{ type: string; value: string }>;
  };
  locations?: Array<{ kind: 'postal-code' | 'declared-location'; value: string }>;
  urls?: string[];
  evidence?: Array<{ hashes: Array<{ algorithm: string; value: string }>; fileName?: string }>;
}

export function referralFromPoliceInput(input: PoliceReferralInput, receivedAt: Date): Omit<ReferralDraft, 'id'> {
  if (!input.agency?.id?.trim()) throw new ValidationError('agency.id is required', 'agency.id');
  const agency = { agency: input.agency.name };
  const source: Provenance = { source: `${input.agency.name} suspect details`, sourceCode: 'police-suspect-details', sourceValues: agency };
  const referral: Provenance = { source: `${input.agency.name} referral`, sourceCode: 'police-referral', sourceValues: agency };
  const suspect = input.suspect ?? {};
  const identifiers = [
    ...(suspect.emails ?? []).map((value) => identifier('email', value, source)),
    ...(suspect.phones ?? []).map((value) => identifier('phone', value, source)),
    ...(suspect.accounts ?? []).map((account) => usernameIdentifier(account.username, account.platform, source)),
    ...(suspect.ipAddresses ?? []).map((address) => identifier('ip', address.ip, source, address.at)),
    ...(suspect.paymentHandles ?? []).map((value) => identifier('payment', value, source)),
    ...(suspect.devices ?? []).map((device) => identifier('device', `${device.type}:${device.value}`, source)),
  ].filter((item): item is SuspectIdentifier => item !== undefined);
  const locations: LocationHint[] = [
    ...(input.locations ?? []).map((location) => ({ kind: location.kind, value: location.value, ...provenanceFields(referral) })),
    ...(suspect.ipAddresses ?? []).map((address): LocationHint => ({ kind: 'ip', value: address.ip, ...provenanceFields(source), ...(address.at ? { observedAt: address.at } : {}) })),
    ...(suspect.phones ?? []).map((value): LocationHint => ({ kind: 'phone', value, ...provenanceFields(source) })),
  ];
  return {
    sourceReportId: `police:${input.agency.id}:${input.reference}`,
    origin: 'police',
    reference: input.reference,
    sender: { id: input.agency.id, name: input.agency.name, country: input.agency.country },
    incidentType: input.incidentType,
    summary: input.summary,
    priority: input.urgentReason ? 'urgent' : 'normal',
    priorityReasons: [],
    ...(input.urgentReason ? { urgentReason: input.urgentReason } : {}),
    urls: input.urls ?? [],
    evidence: input.evidence ?? [],
    identifiers,
    locations,
    childIdentified: input.childIdentified ?? false,
    priorReports: [],
    annotations: [],
    receivedAt: receivedAt.toISOString(),
  };
}
