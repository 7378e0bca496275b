import type { Clock } from '@vigil/kernel';
import type { CountryCode } from '../../domain/countries';
import { validateEvidence, type Evidence, type IpGeolocation, type ParsedPhoneNumber } from '../../domain/evidence';
import { resolveJurisdiction, type JurisdictionResolution } from '../../domain/jurisdiction-resolver';
import { PoliceServiceRegistry } from '../../domain/police-services';
import type { IpGeolocator } from '../../ports/ip-geolocator';
import type { PhoneNumberParser } from '../../ports/phone-number-parser';

export interface ResolveJurisdictionSettings {
  readonly registry?: PoliceServiceRegistry;
  readonly liaisonOfficerCountries?: readonly CountryCode[];
  /** Where phone numbers written without +country are assumed to be from. */
  readonly defaultPhoneCountry?: string;
}

/**
 * Looks up each IP address and phone number of the evidence through the ports, then lets the
 * pure resolver weigh everything. Malformed evidence is refused before any lookup.
 */
export class ResolveJurisdictionUseCase {
  private readonly registry: PoliceServiceRegistry;

  constructor(
    private readonly geolocator: IpGeolocator,
    private readonly phoneParser: PhoneNumberParser,
    private readonly clock: Clock,
    private readonly settings: ResolveJurisdictionSettings = {},
  ) {
    this.registry = settings.registry ?? new PoliceServiceRegistry();
  }

  async execute(evidence: readonly Evidence[]): Promise<JurisdictionResolution> {
    validateEvidence(evidence, (id) => this.registry.find(id) !== undefined);
    const values = (kind: Evidence['kind']) => [...new Set(evidence.filter((item) => item.kind === kind).map((item) => item.value))];

    const ip = new Map<string, IpGeolocation | null>(
      await Promise.all(values('ip').map(async (address) => [address, await this.geolocator.locate(address.trim())] as const)),
    );
    const phone = new Map<string, ParsedPhoneNumber>(values('phone').map((text) => [text, this.phoneParser.parse(text, this.settings.defaultPhoneCountry ?? 'CA')]));

    return resolveJurisdiction(evidence, { ip, phone }, {
      registry: this.registry,
      liaisonOfficerCountries: this.settings.liaisonOfficerCountries,
      asOf: this.clock.now(),
    });
  }
}
