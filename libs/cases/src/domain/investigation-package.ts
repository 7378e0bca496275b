import type { CaseSnapshot } from './case';
import { uniqueIdentifiers, type SuspectIdentifier } from './identifiers';
import type { EvidenceReference, ReferralSender, ReferralSource } from './referral';
import { URGENCY_DEFINITIONS, urgencyRank, type UrgencyLevel } from './triage';

/**
 * A full investigation package, or a lighter lead (most go abroad): the difference is recorded,
 * for the statistics, on the package and on its dissemination.
 */
export const PACKAGE_KINDS = ['package', 'lead'] as const;
export type PackageKind = (typeof PACKAGE_KINDS)[number];

export const PACKAGE_FORMAT = 'vigil.investigation-package/1' as const;
export const MANIFEST_FORMAT = 'vigil.package-manifest/1' as const;

/** The jurisdiction part as the app resolved it (evidence, candidates, conflicts, recommendation). */
export type JurisdictionSection = Record<string, unknown>;

export interface PackageReferral {
  id: string;
  origin: ReferralSource;
  reference: string;
  sender?: ReferralSender;
  incidentType: string;
  receivedAt: string;
  urgency: UrgencyLevel;
  actionable: boolean;
  /** Full packages only: the summary and URLs as received. */
  summary?: string;
  urls?: string[];
}

/** The package for systems (JSON); the PDF renders the same content for people. */
export interface PackageContent {
  format: typeof PACKAGE_FORMAT;
  kind: PackageKind;
  caseId: string;
  caseReference: string;
  version: number;
  builtAt: string;
  builtBy: string;
  disposition: {
    summary: string;
    urgency: UrgencyLevel;
    urgencyDefinition: string;
    actionable: boolean;
    referralCount: number;
    bySource: Partial<Record<ReferralSource, number>>;
  };
  referrals: PackageReferral[];
  identifiers: SuspectIdentifier[];
  jurisdiction: JurisdictionSection;
  /** Hashes and metadata only, never media. A lead carries the count, not the list. */
  evidence: EvidenceReference[];
  evidenceCount: number;
}

function standing(referral: CaseSnapshot['reports'][number]): { urgency: UrgencyLevel; actionable: boolean } {
  const decided = referral.triage.decision;
  return decided ? { urgency: decided.urgency, actionable: decided.actionable } : { urgency: referral.triage.proposed.urgency, actionable: referral.triage.proposed.actionable };
}

export function buildPackageContent(input: {
  kase: CaseSnapshot;
  kind: PackageKind;
  version: number;
  builtAt: Date;
  builtBy: string;
  jurisdiction: JurisdictionSection;
}): PackageContent {
  const { kase, kind } = input;
  const full = kind === 'package';
  const referrals: PackageReferral[] = kase.reports.map((referral) => ({
    id: referral.id,
    origin: referral.origin,
    reference: referral.reference,
    ...(referral.sender ? { sender: referral.sender } : {}),
    incidentType: referral.incidentType,
    receivedAt: referral.receivedAt,
    ...standing(referral),
    ...(full ? { summary: referral.summary, urls: referral.urls } : {}),
  }));
  const urgency = referrals.map((referral) => referral.urgency).sort((a, b) => urgencyRank(a) - urgencyRank(b))[0] ?? 'P4';
  const bySource: Partial<Record<ReferralSource, number>> = {};
  for (const referral of referrals) bySource[referral.origin] = (bySource[referral.origin] ?? 0) + 1;
  const evidence = kase.reports.flatMap((referral) => referral.evidence);
  const sources = Object.entries(bySource).map(([source, count]) => `${count} from ${source}`).join(', ');
  return {
    format: PACKAGE_FORMAT,
    kind,
    caseId: kase.id,
    caseReference: kase.reference,
    version: input.version,
    builtAt: input.builtAt.toISOString(),
    builtBy: input.builtBy,
    disposition: {
      summary: `${kind === 'lead' ? 'Lead' : 'Investigation package'} for case ${kase.reference}: ${referrals.length} referral(s) (${sources}), urgency ${urgency} (${URGENCY_DEFINITIONS[urgency]}).`,
      urgency,
      urgencyDefinition: URGENCY_DEFINITIONS[urgency],
      actionable: referrals.some((referral) => referral.actionable),
      referralCount: referrals.length,
      bySource,
    },
    referrals,
    identifiers: uniqueIdentifiers(kase.reports.flatMap((referral) => referral.identifiers)),
    jurisdiction: input.jurisdiction,
    evidence: full ? evidence : [],
    evidenceCount: evidence.length,
  };
}

export interface ManifestPart {
  name: string;
  mediaType: string;
  bytes: number;
  sha256: string;
}

/**
 * What a recipient checks: each part's SHA-256, and the manifest's own SHA-256, computed over the
 * manifest's JSON without the `manifestSha256` field (see manifestBody), so a changed part or a
 * changed manifest both show.
 */
export interface PackageManifest {
  format: typeof MANIFEST_FORMAT;
  caseReference: string;
  kind: PackageKind;
  version: number;
  algorithm: 'sha256';
  parts: ManifestPart[];
  manifestSha256: string;
}

/** The exact text the manifest's own hash is computed over. */
export function manifestBody(manifest: Omit<PackageManifest, 'manifestSha256'>): string {
  const { format, caseReference, kind, version, algorithm, parts } = manifest;
  return JSON.stringify({ format, caseReference, kind, version, algorithm, parts });
}
