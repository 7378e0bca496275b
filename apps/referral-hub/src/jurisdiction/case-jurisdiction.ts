import type { CaseSnapshot } from '@vigil/cases';
import {
  CsvRangeIpGeolocator,
  MaxmindIpGeolocator,
  parseJurisdictionCode,
  PoliceServiceRegistry,
  type Evidence,
  type IpGeolocator,
  type JurisdictionResolution,
  type ResolveJurisdictionUseCase,
} from '@vigil/jurisdictions';

/** Without a geolocation database, IP evidence is listed as not geolocated (with that reason). */
class NoIpGeolocator implements IpGeolocator {
  async locate(): Promise<null> {
    return null;
  }
}

/** GEOIP_CSV_PATH (a range CSV, for tests and demos), else GEOIP_DATABASE_PATH (a MaxMind .mmdb), else none. */
export async function ipGeolocatorFromEnv(env: NodeJS.ProcessEnv, log: (message: string) => void): Promise<IpGeolocator> {
  if (env.GEOIP_CSV_PATH) {
    const geolocator = await CsvRangeIpGeolocator.fromFile(env.GEOIP_CSV_PATH);
    log(`IP geolocation: ${geolocator.size} ranges from ${env.GEOIP_CSV_PATH}`);
    return geolocator;
  }
  if (env.GEOIP_DATABASE_PATH) {
    const geolocator = await MaxmindIpGeolocator.open(env.GEOIP_DATABASE_PATH);
    log(`IP geolocation: ${geolocator.databaseType} from ${env.GEOIP_DATABASE_PATH}`);
    return geolocator;
  }
  log('IP geolocation: none configured (GEOIP_CSV_PATH or GEOIP_DATABASE_PATH); IP evidence stays unresolved');
  return new NoIpGeolocator();
}

export const POLICE_SERVICE_REGISTRY = new PoliceServiceRegistry();

export function isJurisdictionTarget(target: string): boolean {
  return parseJurisdictionCode(target) !== undefined || POLICE_SERVICE_REGISTRY.find(target) !== undefined;
}

/** What the case's referrals say about where it belongs, plus the investigator's override. */
export function caseEvidence(kase: CaseSnapshot): Evidence[] {
  const evidence: Evidence[] = kase.reports.flatMap((referral) =>
    referral.locations.map((location) => ({
      kind: location.kind,
      value: location.value,
      source: `${referral.origin} ${referral.reference}: ${location.source}`,
      provenance: {
        origin: referral.origin,
        reference: referral.reference,
        ...(location.sourceCode ? { code: location.sourceCode } : {}),
        ...(location.sourceValues ? { values: location.sourceValues } : {}),
      },
      ...(location.observedAt ? { observedAt: new Date(location.observedAt) } : {}),
    })),
  );
  const override = kase.jurisdictionOverride;
  if (override) {
    const decided = { decidedBy: override.by, observedAt: new Date(override.at) };
    evidence.push({ kind: 'override', value: override.target, source: `investigator ${override.by} at ${override.at}`, reason: override.reason, ...decided });
  }
  return evidence;
}

export interface CaseJurisdiction {
  caseId: string;
  evidence: Evidence[];
  resolution: JurisdictionResolution;
}

export async function resolveCaseJurisdiction(resolver: ResolveJurisdictionUseCase, kase: CaseSnapshot): Promise<CaseJurisdiction> {
  const evidence = caseEvidence(kase);
  return { caseId: kase.id, evidence, resolution: await resolver.execute(evidence) };
}
