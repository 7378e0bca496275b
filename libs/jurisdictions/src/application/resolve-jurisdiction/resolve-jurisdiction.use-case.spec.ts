import { FixedClock, ValidationError } from '@vigil/kernel';
import type { Evidence, IpGeolocation, ParsedPhoneNumber } from '../../domain/evidence';
import type { IpGeolocator } from '../../ports/ip-geolocator';
import type { PhoneNumberParser } from '../../ports/phone-number-parser';
import { ResolveJurisdictionUseCase } from './resolve-jurisdiction.use-case';

/** In-memory geolocator: a fixed table, and a record of what it was asked. */
class TableGeolocator implements IpGeolocator {
  readonly asked: string[] = [];
  constructor(private readonly table: Record<string, IpGeolocation>) {}
  async locate(ip: string): Promise<IpGeolocation | null> {
    this.asked.push(ip);
    return this.table[ip] ?? null;
  }
}

/** In-memory parser: NANP numbers written as ten digits, everything else invalid. */
class TenDigitNanpParser implements PhoneNumberParser {
  readonly asked: Array<{ text: string; defaultCountry?: string }> = [];
  parse(text: string, defaultCountry?: string): ParsedPhoneNumber {
    this.asked.push({ text, defaultCountry });
    const digits = text.replace(/\D/g, '');
    if (digits.length !== 10) return { valid: false, reason: 'wrong length' };
    return { valid: true, country: 'CA', countryCallingCode: '1', nationalNumber: digits, areaCode: digits.slice(0, 3), type: 'unknown', e164: `+1${digits}` };
  }
}

describe('ResolveJurisdictionUseCase', () => {
  const clock = new FixedClock(new Date('2026-03-01T00:00:00Z'));

  it('looks each IP and phone number up once through the ports, then resolves', async () => {
    const geolocator = new TableGeolocator({ '198.51.100.7': { country: 'CA', subdivision: 'CA-AB', accuracyRadiusKm: 10 } });
    const phones = new TenDigitNanpParser();
    const useCase = new ResolveJurisdictionUseCase(geolocator, phones, clock);
    const evidence: Evidence[] = [
      { kind: 'ip', value: '198.51.100.7', source: 'upload 1' },
      { kind: 'ip', value: '198.51.100.7', source: 'upload 2' },
      { kind: 'phone', value: '403 555 0142', source: 'profile' },
      { kind: 'postal-code', value: 'T2P 2M5', source: 'shipping address' },
    ];
    const result = await useCase.execute(evidence);
    expect(geolocator.asked).toEqual(['198.51.100.7']);
    expect(phones.asked).toEqual([{ text: '403 555 0142', defaultCountry: 'CA' }]);
    expect(result.recommended).toMatchObject({ jurisdiction: { country: 'CA', province: 'AB' }, policeService: { id: 'alert-ice' }, route: 'domestic', overridden: false });
    expect(result.candidates[0].evidence).toHaveLength(4);
  });

  it('ages evidence against the clock', async () => {
    const geolocator = new TableGeolocator({ '198.51.100.7': { country: 'CA', subdivision: 'CA-AB', accuracyRadiusKm: 10 } });
    const useCase = new ResolveJurisdictionUseCase(geolocator, new TenDigitNanpParser(), clock);
    const result = await useCase.execute([{ kind: 'ip', value: '198.51.100.7', source: 'upload', observedAt: new Date('2025-01-01T00:00:00Z') }]);
    expect(result.readings[0].reason).toMatch(/observed 424 days ago/);
  });

  it('passes the deployment settings: default phone country and liaison officer postings', async () => {
    const phones = new TenDigitNanpParser();
    const geolocator = new TableGeolocator({ '203.0.113.9': { country: 'FR' } });
    const useCase = new ResolveJurisdictionUseCase(geolocator, phones, clock, { defaultPhoneCountry: 'US', liaisonOfficerCountries: [] });
    const result = await useCase.execute([
      { kind: 'ip', value: '203.0.113.9', source: 'upload' },
      { kind: 'phone', value: '12', source: 'profile' },
    ]);
    expect(phones.asked[0].defaultCountry).toBe('US');
    expect(result.recommended).toMatchObject({ jurisdiction: { country: 'FR' }, route: 'interpol' });
    expect(result.unresolved[0].reason).toMatch(/not a valid phone number: wrong length/);
  });

  it('refuses malformed evidence before any lookup', async () => {
    const geolocator = new TableGeolocator({});
    const useCase = new ResolveJurisdictionUseCase(geolocator, new TenDigitNanpParser(), clock);
    await expect(
      useCase.execute([
        { kind: 'ip', value: '198.51.100.7', source: 'upload' },
        { kind: 'override', value: 'CA-ON', source: 'investigator inv-7' },
      ]),
    ).rejects.toThrow(new ValidationError('evidence[1].reason is required for an override', 'evidence[1].reason'));
    expect(geolocator.asked).toEqual([]);
  });
});
