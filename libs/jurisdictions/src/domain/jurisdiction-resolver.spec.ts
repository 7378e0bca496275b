import { ValidationError } from '@vigil/kernel';
import type { Evidence, IpGeolocation, ParsedPhoneNumber } from './evidence';
import { CONFIDENCE, READING_CODES, RECOMMENDATION_CODES, resolveJurisdiction, type JurisdictionResolution } from './jurisdiction-resolver';
import { jurisdictionCode } from './jurisdiction';

const postal = (value: string): Evidence => ({ kind: 'postal-code', value, source: 'report 1, suspect address' });
const ip = (value: string, observedAt?: Date): Evidence => ({ kind: 'ip', value, source: 'report 1, upload IP', observedAt });
const phone = (value: string): Evidence => ({ kind: 'phone', value, source: 'report 1, suspect phone' });
const declared = (value: string): Evidence => ({ kind: 'declared-location', value, source: 'report 1, reporter statement' });
const override = (value: string, reason = 'production order results place the suspect there', observedAt?: Date): Evidence => ({
  kind: 'override',
  value,
  source: 'investigator inv-7',
  reason,
  observedAt,
});

// Port answers, shaped as the adapters give them (documentation ranges and 555-01xx numbers only).
const GEO: Record<string, IpGeolocation | null> = {
  '198.51.100.7': { country: 'CA', subdivision: 'CA-ON', city: 'Ottawa', accuracyRadiusKm: 20 },
  '198.51.100.8': { country: 'CA', subdivision: 'CA-BC', city: 'Vancouver', accuracyRadiusKm: 500 },
  '203.0.113.9': { country: 'FR', subdivision: 'FR-IDF', city: 'Paris', accuracyRadiusKm: 50 },
  '203.0.113.10': { country: 'KE', accuracyRadiusKm: 200 },
  '203.0.113.11': { country: 'NL', accuracyRadiusKm: 100, anonymizer: true },
  '2001:db8::1': { country: 'CA', subdivision: 'CA-QC', accuracyRadiusKm: 100 },
  '192.0.2.1': null,
};
const nanp = (areaCode: string, country = 'CA', type: 'mobile' | 'fixed' | 'unknown' = 'unknown'): ParsedPhoneNumber => ({
  valid: true,
  country,
  countryCallingCode: '1',
  nationalNumber: `${areaCode}5550142`,
  areaCode,
  type,
  e164: `+1${areaCode}5550142`,
});
const PHONES: Record<string, ParsedPhoneNumber> = {
  '613-555-0142': nanp('613'),
  '902-555-0142': nanp('902'),
  '867-555-0142': nanp('867'),
  '600-555-0142': nanp('600'),
  '800-555-0142': nanp('800', 'US'),
  '273-555-0142': nanp('273'),
  '212-555-0142': nanp('212', 'US'),
  '+33 6 12 34 56 78': { valid: true, country: 'FR', countryCallingCode: '33', nationalNumber: '612345678', type: 'mobile', e164: '+33612345678' },
  '+44 20 7946 0018': { valid: true, country: 'GB', countryCallingCode: '44', nationalNumber: '2079460018', type: 'fixed', e164: '+442079460018' },
  '+882 12345': { valid: true, countryCallingCode: '882', nationalNumber: '12345', type: 'unknown', e164: '+88212345' },
  '12345': { valid: false, reason: 'too short' },
};
const lookups = { ip: new Map(Object.entries(GEO)), phone: new Map(Object.entries(PHONES)) };

function resolve(...evidence: Evidence[]): JurisdictionResolution {
  return resolveJurisdiction(evidence, lookups, { asOf: new Date('2026-01-15T00:00:00Z') });
}

function confidenceOf(resolution: JurisdictionResolution, code: string): number | undefined {
  return resolution.candidates.find((candidate) => jurisdictionCode(candidate.jurisdiction) === code)?.confidence;
}

describe('resolveJurisdiction: each kind of evidence', () => {
  it('a postal code places the case in its province with high confidence, and names the ICE unit', () => {
    const result = resolve(postal('K1A 0B1'));
    expect(result.recommended.jurisdiction).toEqual({ country: 'CA', province: 'ON' });
    expect(result.recommended.confidence).toBe(CONFIDENCE.postalCode.province);
    expect(result.recommended.policeService.id).toBe('ontario-provincial-strategy-ice');
    expect(result.recommended.route).toBe('domestic');
    expect(result.recommended.reason).toMatch(/forward sortation area K1A/);
    expect(confidenceOf(result, 'CA')).toBe(CONFIDENCE.postalCode.country);
    expect(result.conflicts).toEqual([]);
    expect(result.recommended.contested).toBe(false);
  });

  it('a postal code in district X is NT or NU with lower confidence than elsewhere', () => {
    const nunavut = resolve(postal('X0A 0H0'));
    const northwest = resolve(postal('X1A 2P7'));
    expect(nunavut.recommended.jurisdiction).toEqual({ country: 'CA', province: 'NU' });
    expect(nunavut.recommended.policeService.id).toBe('rcmp-v-division');
    expect(northwest.recommended.jurisdiction).toEqual({ country: 'CA', province: 'NT' });
    expect(northwest.recommended.policeService.id).toBe('rcmp-g-division');
    expect(nunavut.recommended.confidence).toBe(CONFIDENCE.postalCode.sharedDistrictProvince);
    expect(nunavut.recommended.confidence).toBeLessThan(resolve(postal('K1A 0B1')).recommended.confidence);
    expect(nunavut.recommended.reason).toMatch(/shared by NT and NU/);
  });

  it('a Canadian phone number gives the province of its area code, with medium confidence', () => {
    const result = resolve(phone('613-555-0142'));
    expect(result.recommended.jurisdiction).toEqual({ country: 'CA', province: 'ON' });
    expect(result.recommended.confidence).toBe(CONFIDENCE.phone.province.unknown);
    expect(result.recommended.confidence).toBeLessThan(CONFIDENCE.postalCode.province);
    expect(result.recommended.reason).toMatch(/area code 613/);
  });

  it('an area code shared by three territories gives Canada but no territory', () => {
    const result = resolve(phone('867-555-0142'));
    expect(result.recommended.jurisdiction).toEqual({ country: 'CA' });
    expect(result.recommended.policeService.id).toBe('rcmp-ncecc');
    expect(result.recommended.reason).toMatch(/split between CA-NT and CA-NU|not supported enough|split between/);
    for (const territory of ['CA-YT', 'CA-NT', 'CA-NU']) expect(confidenceOf(result, territory)).toBeCloseTo(CONFIDENCE.phone.province.unknown / 3, 3);
  });

  it('a shared area code (902) plus a postal code settles the province, without a conflict', () => {
    const result = resolve(phone('902-555-0142'), postal('C1A 4P3'));
    expect(result.recommended.jurisdiction).toEqual({ country: 'CA', province: 'PE' });
    expect(result.recommended.policeService.id).toBe('rcmp-l-division');
    expect(result.conflicts).toEqual([]);
    expect(confidenceOf(result, 'CA-PE')).toBeGreaterThan(CONFIDENCE.postalCode.province);
    expect(confidenceOf(result, 'CA-NS')).toBeLessThan(0.3);
  });

  it('a Canadian non-geographic area code says Canada only', () => {
    const result = resolve(phone('600-555-0142'));
    expect(result.readings[0]).toMatchObject({ country: 'CA', provinces: [] });
    expect(result.readings[0].reason).toMatch(/non-geographic area code 600/);
    expect(result.recommended.jurisdiction).toEqual({ country: 'CA' });
    expect(result.recommended.reason).toMatch(/no evidence names a province/);
    expect(result.candidates.every((candidate) => !candidate.jurisdiction.province)).toBe(true);
  });

  it('a Canadian area code missing from the table still says Canada, and says the table needs updating', () => {
    const result = resolve(phone('273-555-0142'));
    expect(result.readings[0]).toMatchObject({ country: 'CA', provinces: [] });
    expect(result.readings[0].reason).toMatch(/not in the area-code table/);
  });

  it('a toll-free number says nothing, and is listed as unresolved rather than dropped', () => {
    const result = resolve(phone('800-555-0142'));
    expect(result.readings).toEqual([]);
    expect(result.unresolved).toHaveLength(1);
    expect(result.unresolved[0].reason).toMatch(/toll-free/);
    expect(result.recommended.jurisdiction).toBeUndefined();
    expect(result.recommended.policeService.id).toBe('rcmp-ncecc');
  });

  it('foreign numbers give the country and its route: liaison officer where one is posted, INTERPOL otherwise', () => {
    const france = resolve(phone('+33 6 12 34 56 78'));
    expect(france.recommended.jurisdiction).toEqual({ country: 'FR' });
    expect(france.recommended.route).toBe('liaison-officer');
    expect(france.recommended.confidence).toBe(CONFIDENCE.phone.country.mobile);
    expect(france.readings[0].reason).toMatch(/mobile numbers travel/);
    expect(resolve(phone('212-555-0142')).recommended.jurisdiction).toEqual({ country: 'US' });
    expect(resolve(phone('+44 20 7946 0018')).recommended.confidence).toBe(CONFIDENCE.phone.country.fixed);

    const kenya = resolveJurisdiction([phone('+33 6 12 34 56 78')], lookups, { liaisonOfficerCountries: [] });
    expect(kenya.recommended.route).toBe('interpol');
    expect(kenya.recommended.reason).toMatch(/INTERPOL/);
  });

  it('invalid numbers and numbers of no country are unresolved, with the reason', () => {
    const result = resolve(phone('12345'), phone('+882 12345'));
    expect(result.unresolved.map((entry) => entry.reason)).toEqual([expect.stringMatching(/not a valid phone number: too short/), expect.stringMatching(/does not belong to one country/)]);
  });

  it('IP geolocation: province confidence follows the accuracy radius, the country is surer', () => {
    const near = resolve(ip('198.51.100.7'));
    const far = resolve(ip('198.51.100.8'));
    expect(near.recommended.jurisdiction).toEqual({ country: 'CA', province: 'ON' });
    expect(near.recommended.confidence).toBe(CONFIDENCE.ip.provinceWithin50Km);
    expect(far.recommended.confidence).toBe(CONFIDENCE.ip.provinceWider);
    expect(confidenceOf(near, 'CA')).toBe(CONFIDENCE.ip.country);
    expect(near.readings[0].reason).toMatch(/geolocates to Ottawa, CA-ON within 20 km/);
    expect(resolve(ip('2001:db8::1')).recommended.jurisdiction).toEqual({ country: 'CA', province: 'QC' });
  });

  it('foreign IPs give the country and the route', () => {
    const france = resolve(ip('203.0.113.9'));
    expect(france.recommended.jurisdiction).toEqual({ country: 'FR' });
    expect(france.recommended.route).toBe('liaison-officer');
    expect(france.recommended.policeService.id).toBe('rcmp-ncecc');
    const kenya = resolve(ip('203.0.113.10'));
    expect(kenya.recommended).toMatchObject({ jurisdiction: { country: 'KE' }, route: 'interpol' });
  });

  it('anonymisers and old observations weigh less, and say why', () => {
    const vpn = resolve(ip('203.0.113.11'));
    expect(vpn.readings[0].countryConfidence).toBeCloseTo(CONFIDENCE.ip.country * CONFIDENCE.ip.anonymizerFactor, 3);
    expect(vpn.readings[0].reason).toMatch(/anonymiser/);
    const old = resolve(ip('198.51.100.7', new Date('2025-01-01T00:00:00Z')));
    expect(old.readings[0].provinceConfidence).toBeCloseTo(CONFIDENCE.ip.provinceWithin50Km * CONFIDENCE.ip.staleFactor, 3);
    expect(old.readings[0].reason).toMatch(/observed 379 days ago/);
    const recent = resolve(ip('198.51.100.7', new Date('2026-01-01T00:00:00Z')));
    expect(recent.readings[0].provinceConfidence).toBe(CONFIDENCE.ip.provinceWithin50Km);
  });

  it('private, unknown and malformed addresses are unresolved, with the reason', () => {
    const result = resolve(ip('10.1.2.3'), ip('192.0.2.1'), ip('not-an-ip'), ip('198.51.100.99'));
    expect(result.unresolved.map((entry) => entry.reason)).toEqual([
      '10.1.2.3 is a private address: it says nothing about place',
      '192.0.2.1 is not in the geolocation database',
      '"not-an-ip" is not an IP address',
      '198.51.100.99 was not geolocated',
    ]);
  });

  it('a declared location is read with medium-high confidence', () => {
    const toronto = resolve(declared('Toronto, ON'));
    expect(toronto.recommended.jurisdiction).toEqual({ country: 'CA', province: 'ON' });
    expect(toronto.recommended.confidence).toBe(CONFIDENCE.declaredLocation.province);
    const lyon = resolve(declared('Lyon, France'));
    expect(lyon.recommended.jurisdiction).toEqual({ country: 'FR' });
    expect(lyon.recommended.confidence).toBe(CONFIDENCE.declaredLocation.country);
    const unreadable = resolve(declared('somewhere over the rainbow'));
    expect(unreadable.unresolved[0].reason).toMatch(/no place could be read/);
  });

  it('an unknown postal code is unresolved', () => {
    expect(resolve(postal('D1A 1A1')).unresolved[0].reason).toBe('"D1A 1A1" is not a Canadian postal code');
  });

  it('no evidence: the national centre decides', () => {
    const result = resolve();
    expect(result.recommended).toMatchObject({ policeService: { id: 'rcmp-ncecc' }, confidence: 0, overridden: false });
    expect(result.recommended.jurisdiction).toBeUndefined();
    expect(result.recommended.reason).toMatch(/no evidence places the case/);
  });
});

describe('resolveJurisdiction: agreement and conflict', () => {
  it('agreeing evidence raises the confidence above any single item', () => {
    const result = resolve(postal('K2P 1L4'), ip('198.51.100.7'), phone('613-555-0142'));
    const combined = confidenceOf(result, 'CA-ON') as number;
    expect(combined).toBeGreaterThan(CONFIDENCE.postalCode.province);
    expect(combined).toBeCloseTo(1 - (1 - 0.9) * (1 - 0.6) * (1 - 0.55), 3);
    expect(result.candidates[0].reasons).toHaveLength(3);
    expect(result.conflicts).toEqual([]);
  });

  it('disagreeing provinces are shown as a conflict and lower the winner', () => {
    const result = resolve(postal('K2P 1L4'), ip('198.51.100.8'));
    expect(result.conflicts).toHaveLength(1);
    expect(result.conflicts[0]).toMatchObject({ level: 'province', claims: [{ jurisdictions: [{ country: 'CA', province: 'ON' }] }, { jurisdictions: [{ country: 'CA', province: 'BC' }] }] });
    expect(result.conflicts[0].description).toBe('postal-code "K2P 1L4" (CA-ON) disagrees with ip "198.51.100.8" (CA-BC)');
    expect(result.recommended.jurisdiction).toEqual({ country: 'CA', province: 'ON' });
    expect(result.recommended.contested).toBe(true);
    expect(result.recommended.confidence).toBeCloseTo(0.9 * (1 - 0.4 / 2), 3);
    expect(confidenceOf(result, 'CA-BC')).toBeCloseTo(0.4 * (1 - 0.9 / 2), 3);
  });

  it('a foreign IP against a Canadian postal code is a country conflict; both stay candidates', () => {
    const result = resolve(postal('H2X 1Y4'), ip('203.0.113.9'));
    expect(result.conflicts.map((conflict) => conflict.level)).toEqual(['country']);
    expect(result.candidates.map((candidate) => jurisdictionCode(candidate.jurisdiction))).toEqual(expect.arrayContaining(['CA', 'CA-QC', 'FR']));
    expect(result.recommended.jurisdiction).toEqual({ country: 'CA', province: 'QC' });
    expect(result.recommended.policeService.id).toBe('surete-du-quebec');
  });

  it('evenly split countries are not decided by the resolver', () => {
    const result = resolve(declared('Lyon, France'), declared('Seattle, Washington, USA'));
    expect(result.recommended.jurisdiction).toBeUndefined();
    expect(result.recommended.reason).toMatch(/split between FR and US|split between US and FR/);
    expect(result.recommended.policeService.id).toBe('rcmp-ncecc');
    expect(result.conflicts.length).toBeGreaterThan(0);
  });

  it('evenly split provinces leave the province open', () => {
    const result = resolve(postal('K2P 1L4'), postal('V6B 1A1'));
    expect(result.recommended.jurisdiction).toEqual({ country: 'CA' });
    expect(result.recommended.reason).toMatch(/split between CA-BC and CA-ON/);
  });
});

describe('resolveJurisdiction: investigator overrides', () => {
  it('an override wins with its reason, while the contrary evidence stays visible', () => {
    const result = resolve(postal('K2P 1L4'), ip('198.51.100.7'), override('CA-MB'));
    expect(result.recommended).toMatchObject({ jurisdiction: { country: 'CA', province: 'MB' }, overridden: true, confidence: 1, contested: true });
    expect(result.recommended.policeService.id).toBe('manitoba-ice');
    expect(result.recommended.reason).toMatch(/investigator override by investigator inv-7 to CA-MB: production order results/);
    expect(result.conflicts).toHaveLength(2);
    expect(result.candidates.map((candidate) => jurisdictionCode(candidate.jurisdiction))).toContain('CA-ON');
  });

  it('an override may name the police service', () => {
    const result = resolve(postal('M5V 2T6'), override('toronto-police-service', 'the suspect is already under investigation by Toronto'));
    expect(result.recommended).toMatchObject({ jurisdiction: { country: 'CA', province: 'ON' }, policeService: { id: 'toronto-police-service' }, overridden: true });
    expect(result.conflicts).toEqual([]);
  });

  it('an override abroad takes the route of that country', () => {
    const result = resolve(postal('K2P 1L4'), override('KE', 'the suspect moved to Nairobi'));
    expect(result.recommended).toMatchObject({ jurisdiction: { country: 'KE' }, route: 'interpol', overridden: true });
  });

  it('the most recent override wins', () => {
    const result = resolve(override('CA-AB', 'first view', new Date('2026-01-02')), override('CA-SK', 'second view', new Date('2026-01-05')), override('CA-NB', 'undated'));
    expect(result.recommended.jurisdiction).toEqual({ country: 'CA', province: 'SK' });
  });

  it('an override without a reason, or naming nothing known, is refused with the field', () => {
    expect(() => resolve(override('CA-ON', ' '))).toThrow(new ValidationError('evidence[0].reason is required for an override', 'evidence[0].reason'));
    expect(() => resolve(postal('K2P 1L4'), override('atlantis'))).toThrow(/evidence\[1\]\.value must be a jurisdiction code/);
    expect(() => resolve(override('CA-ZZ'))).toThrow(ValidationError);
  });
});

describe('resolveJurisdiction: malformed evidence', () => {
  it.each([
    ['evidence[0].kind', 'an unknown kind', { kind: 'email', value: 'x', source: 's' }],
    ['evidence[0].value', 'an empty value', { kind: 'ip', value: '', source: 's' }],
    ['evidence[0].source', 'no source', { kind: 'ip', value: '1.2.3.4', source: '' }],
    ['evidence[0].value', 'a value over 500 characters', { kind: 'ip', value: 'x'.repeat(501), source: 's' }],
    ['evidence[0].observedAt', 'an invalid date', { kind: 'ip', value: '1.2.3.4', source: 's', observedAt: new Date('nope') }],
  ])('%s is named when evidence has %s', (field, _case, item) => {
    try {
      resolveJurisdiction([item as unknown as Evidence], lookups);
      throw new Error('expected a ValidationError');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).field).toBe(field);
    }
  });
});

describe('resolveJurisdiction: reasons as codes with their values, beside the English', () => {
  it('names what a postal code says', () => {
    expect(resolve(postal('k1a0b1')).readings[0]).toMatchObject({ code: 'postal-code', values: { postalCode: 'K1A 0B1', fsa: 'K1A', province: 'ON' } });
    expect(resolve(postal('X0A 0H0')).readings[0]).toMatchObject({ code: 'postal-code-shared-district', values: { postalCode: 'X0A 0H0', fsa: 'X0A', province: 'NU' } });
    expect(resolve(postal('D1A 1A1')).unresolved[0]).toMatchObject({ code: 'not-a-postal-code', values: { value: 'D1A 1A1' }, reason: '"D1A 1A1" is not a Canadian postal code' });
  });

  it('names what a phone number says: its area code and the provinces it serves, or its country', () => {
    expect(resolve(phone('613-555-0142')).readings[0]).toMatchObject({
      code: 'phone-area-code',
      values: { e164: '+16135550142', areaCode: '613', provinces: ['ON'], mobile: false },
      reason: 'area code 613 of +16135550142 is in ON',
    });
    expect(resolve(phone('867-555-0142')).readings[0]).toMatchObject({ code: 'phone-area-code', values: { areaCode: '867', provinces: ['YT', 'NT', 'NU'] }, reason: 'area code 867 of +18675550142 serves YT, NT and NU' });
    expect(resolve(phone('600-555-0142')).readings[0]).toMatchObject({ code: 'phone-non-geographic', values: { e164: '+16005550142', areaCode: '600' } });
    expect(resolve(phone('273-555-0142')).readings[0]).toMatchObject({ code: 'phone-area-code-unlisted', values: { e164: '+12735550142', areaCode: '273' } });
    expect(resolve(phone('+33 6 12 34 56 78')).readings[0]).toMatchObject({ code: 'phone-country', values: { e164: '+33612345678', country: 'FR', type: 'mobile' } });
  });

  it('names why a phone number says nothing', () => {
    const tooShort: ParsedPhoneNumber = { valid: false, reason: '+1613555 has the wrong length for +1', problem: 'impossible-length', number: '+1613555', countryCallingCode: '1' };
    const result = resolveJurisdiction([phone('800-555-0142'), phone('12345'), phone('+882 12345'), phone('613-555'), phone('never parsed')], {
      phone: new Map<string, ParsedPhoneNumber>([...Object.entries(PHONES), ['613-555', tooShort]]),
    });
    expect(result.unresolved.map(({ code, values }) => ({ code, values }))).toEqual([
      { code: 'phone-toll-free', values: { e164: '+18005550142', areaCode: '800' } },
      { code: 'phone-invalid', values: { value: '12345' } },
      { code: 'phone-no-country', values: { e164: '+88212345', callingCode: '882' } },
      { code: 'phone-invalid', values: { value: '613-555', problem: 'impossible-length', number: '+1613555', callingCode: '1' } },
      { code: 'phone-not-parsed', values: { value: 'never parsed' } },
    ]);
    expect(result.unresolved[3].reason).toBe('"613-555" is not a valid phone number: +1613555 has the wrong length for +1');
  });

  it('names where an IP address geolocates, how precisely, and what weakens it', () => {
    expect(resolve(ip('198.51.100.7')).readings[0]).toMatchObject({
      code: 'ip-geolocated',
      values: { ip: '198.51.100.7', country: 'CA', subdivision: 'CA-ON', province: 'ON', city: 'Ottawa', radiusKm: 20, anonymizer: false },
    });
    const foreign = resolve(ip('203.0.113.9')).readings[0];
    expect(foreign.values).toEqual({ ip: '203.0.113.9', country: 'FR', subdivision: 'FR-IDF', city: 'Paris', radiusKm: 50, anonymizer: false });
    expect(resolve(ip('203.0.113.11')).readings[0].values).toMatchObject({ country: 'NL', anonymizer: true });
    expect(resolve(ip('198.51.100.7', new Date('2025-01-01T00:00:00Z'))).readings[0].values).toMatchObject({ daysAgo: 379 });
    expect(resolve(ip('198.51.100.7', new Date('2026-01-01T00:00:00Z'))).readings[0].values).not.toHaveProperty('daysAgo');
    const unresolved = resolve(ip('10.1.2.3'), ip('192.0.2.1'), ip('not-an-ip'), ip('198.51.100.99')).unresolved;
    expect(unresolved.map(({ code, values }) => ({ code, values }))).toEqual([
      { code: 'ip-non-public', values: { ip: '10.1.2.3', range: 'private' } },
      { code: 'ip-not-in-database', values: { ip: '192.0.2.1' } },
      { code: 'ip-invalid', values: { value: 'not-an-ip' } },
      { code: 'ip-not-geolocated', values: { ip: '198.51.100.99' } },
    ]);
    const odd = resolveJurisdiction([ip('203.0.113.50')], { ip: new Map<string, IpGeolocation>([['203.0.113.50', { country: 'XX' }]]) });
    expect(odd.unresolved[0]).toMatchObject({ code: 'ip-unknown-country', values: { ip: '203.0.113.50', country: 'XX' } });
  });

  it('names what a declared location was read as', () => {
    expect(resolve(declared('Toronto, ON')).readings[0]).toMatchObject({
      code: 'declared-location',
      values: { value: 'Toronto, ON', jurisdiction: 'CA-ON', country: 'CA', province: 'ON', precision: 'province', matched: 'ON' },
    });
    expect(resolve(declared('downtown Toronto')).readings[0].values).toMatchObject({ jurisdiction: 'CA-ON', precision: 'city', matched: 'toronto' });
    expect(resolve(declared('1 Main St, Ottawa K1A 0B1')).readings[0].values).toMatchObject({ jurisdiction: 'CA-ON', precision: 'postal-code', matched: 'K1A' });
    expect(resolve(declared('Lyon, France')).readings[0].values).toMatchObject({ jurisdiction: 'FR', country: 'FR', precision: 'country' });
    expect(resolve(declared('Lyon, France')).readings[0].values).not.toHaveProperty('province');
    expect(resolve(declared('somewhere over the rainbow')).unresolved[0]).toMatchObject({ code: 'declared-location-unreadable', values: { value: 'somewhere over the rainbow' } });
  });

  it('gives each candidate its reasons as codes, in the order of the sentences', () => {
    const result = resolve(postal('K2P 1L4'), ip('198.51.100.7'), phone('613-555-0142'));
    const ontario = result.candidates.find((candidate) => jurisdictionCode(candidate.jurisdiction) === 'CA-ON');
    expect(ontario?.reasonCodes.map((reason) => reason.code)).toEqual(['postal-code', 'ip-geolocated', 'phone-area-code']);
    expect(ontario?.reasonCodes).toHaveLength(ontario?.reasons.length ?? -1);
  });

  it('says why the recommendation is what it is, with the readings behind it', () => {
    const province = resolve(postal('K2P 1L4'), phone('613-555-0142')).recommended;
    expect(province).toMatchObject({ code: 'best-province', values: { jurisdiction: 'CA-ON', confidence: province.confidence } });
    expect(province.supporting?.map((reason) => reason.code)).toEqual(['postal-code', 'phone-area-code']);
    expect(province.reason).toMatch(/^CA-ON is the best supported jurisdiction \(0\.\d+\): postal code K2P 1L4 .*; area code 613 of \+16135550142 is in ON; refer to /);

    expect(resolve().recommended).toMatchObject({ code: 'no-evidence', values: {} });
    expect(resolve(declared('Lyon, France'), declared('Seattle, Washington, USA')).recommended).toMatchObject({ code: 'countries-tied', values: { first: expect.stringMatching(/^(FR|US)$/), second: expect.stringMatching(/^(FR|US)$/) } });
    expect(resolve(ip('203.0.113.9')).recommended).toMatchObject({ code: 'best-country', values: { country: 'FR', confidence: CONFIDENCE.ip.country }, route: 'liaison-officer' });
    expect(resolve(phone('600-555-0142')).recommended).toMatchObject({ code: 'no-province-named', values: { country: 'CA', confidence: CONFIDENCE.phone.country.unknown } });
    expect(resolve(postal('K2P 1L4'), postal('V6B 1A1')).recommended).toMatchObject({ code: 'provinces-tied', values: { country: 'CA', first: 'CA-BC', second: 'CA-ON' } });
    const weak = resolveJurisdiction([ip('203.0.113.60')], { ip: new Map<string, IpGeolocation>([['203.0.113.60', { country: 'CA', subdivision: 'CA-QC', accuracyRadiusKm: 1000, anonymizer: true }]]) });
    expect(weak.recommended).toMatchObject({ code: 'province-too-weak', values: { country: 'CA', best: 'CA-QC', bestConfidence: 0.12 } });
    expect(weak.recommended.reason).toContain('no province is supported enough (best: CA-QC at 0.12)');
  });

  it('an override gives its own code, naming the police service in both languages', () => {
    const result = resolve(postal('M5V 2T6'), override('toronto-police-service', 'already under investigation by Toronto'));
    const reading = result.readings.find((entry) => entry.evidence.kind === 'override');
    expect(reading).toMatchObject({
      code: 'override',
      values: { source: 'investigator inv-7', target: 'toronto-police-service', reason: 'already under investigation by Toronto', jurisdiction: 'CA-ON', policeService: 'toronto-police-service', serviceEn: 'Toronto Police Service' },
    });
    expect(typeof reading?.values.serviceFr).toBe('string');
    expect(result.recommended).toMatchObject({ code: 'override', values: {}, supporting: [{ code: 'override', values: reading?.values }], overridden: true });
    expect(resolve(override('CA-MB')).readings[0].values).toEqual({ source: 'investigator inv-7', target: 'CA-MB', reason: 'production order results place the suspect there', jurisdiction: 'CA-MB' });
    // Who decided and when, as values, when the caller said so (the hub does), so no UI has to parse the source.
    const decided = { ...override('CA-MB', 'production order', new Date('2026-12-07T20:09:00Z')), decidedBy: 'jdoe' };
    expect(resolve(decided).readings[0].values).toMatchObject({ by: 'jdoe', at: '2026-12-07T20:09:00.000Z' });
  });

  it('uses only the listed codes, and values a client can show as they are (no undefined, no objects)', () => {
    const result = resolve(postal('K2P 1L4'), ip('198.51.100.8'), ip('10.0.0.1'), phone('902-555-0142'), phone('12345'), declared('Lyon, France'), override('CA-NS'));
    const coded = [...result.readings, ...result.unresolved, ...result.candidates.flatMap((candidate) => candidate.reasonCodes)];
    for (const reason of coded) expect(READING_CODES).toContain(reason.code);
    expect(RECOMMENDATION_CODES).toContain(result.recommended.code);
    for (const { values } of [...coded, result.recommended]) {
      for (const value of Object.values(values)) expect(['string', 'number', 'boolean'].includes(typeof value) || (Array.isArray(value) && value.every((item) => typeof item === 'string'))).toBe(true);
    }
  });
});
