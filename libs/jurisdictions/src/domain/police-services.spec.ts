import { ValidationError } from '@vigil/kernel';
import { PROVINCE_CODES } from './canadian-province';
import { NATIONAL_CENTRE_ID, POLICE_SERVICES, PoliceServiceRegistry, type PoliceService } from './police-services';

describe('police services registry', () => {
  const registry = new PoliceServiceRegistry();

  it('has exactly one default referral target per province and territory', () => {
    for (const province of PROVINCE_CODES) {
      const targets = POLICE_SERVICES.filter((entry) => entry.defaultReferralTargetFor.includes(province));
      expect(targets).toHaveLength(1);
      expect(targets[0].provinces).toContain(province);
    }
  });

  it.each([
    ['ON', 'ontario-provincial-strategy-ice'],
    ['BC', 'bc-integrated-child-exploitation'],
    ['AB', 'alert-ice'],
    ['QC', 'surete-du-quebec'],
    ['PE', 'rcmp-l-division'],
    ['YT', 'rcmp-m-division'],
    ['NT', 'rcmp-g-division'],
    ['NU', 'rcmp-v-division'],
  ] as const)('the default target for %s is %s', (province, id) => {
    expect(registry.defaultReferralTarget(province).id).toBe(id);
  });

  it('lists the RCMP divisions by letter, each serving its province', () => {
    const divisions = POLICE_SERVICES.filter((entry) => entry.kind === 'rcmp-division');
    expect(divisions.map((entry) => entry.id.split('-')[1].toUpperCase()).sort()).toEqual(['B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K', 'L', 'M', 'O', 'V']);
    expect(registry.find('rcmp-k-division')?.provinces).toEqual(['AB']);
    expect(registry.find('rcmp-k-division')?.name.fr).toBe('GRC, Division K (Alberta)');
  });

  it('every service has unique id and names in both languages', () => {
    expect(new Set(POLICE_SERVICES.map((entry) => entry.id)).size).toBe(POLICE_SERVICES.length);
    for (const entry of POLICE_SERVICES) {
      expect(entry.name.en).not.toBe('');
      expect(entry.name.fr).not.toBe('');
      expect(entry.provinces.length).toBeGreaterThan(0);
    }
  });

  it('lists who serves a province, specialised units first and federal last', () => {
    const ontario = registry.serving('ON').map((entry) => entry.id);
    expect(ontario[0]).toBe('ontario-provincial-strategy-ice');
    expect(ontario).toEqual(expect.arrayContaining(['ontario-provincial-police', 'rcmp-o-division', 'toronto-police-service', 'peel-regional-police', NATIONAL_CENTRE_ID]));
    expect(ontario[ontario.length - 1]).toMatch(/^rcmp-(ncecc|national-hq)$/);
    expect(registry.serving('QC').map((entry) => entry.id)).toEqual(expect.arrayContaining(['spvm', 'spvq', 'rcmp-c-division']));
    expect(registry.nationalCentre().kind).toBe('federal');
  });

  it('refuses registry data that would make referrals ambiguous or impossible', () => {
    const withoutOntarioDefault = POLICE_SERVICES.map((entry): PoliceService => (entry.id === 'ontario-provincial-strategy-ice' ? { ...entry, defaultReferralTargetFor: [] } : entry));
    expect(() => new PoliceServiceRegistry(withoutOntarioDefault)).toThrow(new ValidationError('no default referral target for ON', 'policeServices'));
    const twoOntarioDefaults = POLICE_SERVICES.map((entry): PoliceService => (entry.id === 'toronto-police-service' ? { ...entry, defaultReferralTargetFor: ['ON'] } : entry));
    expect(() => new PoliceServiceRegistry(twoOntarioDefaults)).toThrow(/ON has two default referral targets/);
    expect(() => new PoliceServiceRegistry([...POLICE_SERVICES, POLICE_SERVICES[5]])).toThrow(/listed twice/);
    expect(() => new PoliceServiceRegistry(POLICE_SERVICES.filter((entry) => entry.id !== NATIONAL_CENTRE_ID))).toThrow(/national centre/);
  });
});
