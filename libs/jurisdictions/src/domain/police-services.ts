import { ValidationError } from '@vigil/kernel';
import { PROVINCE_CODES, type ProvinceCode } from './canadian-province';

export type PoliceServiceKind = 'rcmp-division' | 'provincial' | 'municipal' | 'ice-unit' | 'federal';

export interface PoliceService {
  /** Stable id, kebab-case; what overrides and referrals name. */
  readonly id: string;
  /** Public names in both official languages. */
  readonly name: { readonly en: string; readonly fr: string };
  readonly kind: PoliceServiceKind;
  /** Provinces and territories served (every one for federal services). */
  readonly provinces: readonly ProvinceCode[];
  /** For municipal and regional services, the city or region. */
  readonly area?: string;
  /** Provinces for which this service is the default target of child-exploitation referrals. */
  readonly defaultReferralTargetFor: readonly ProvinceCode[];
}

/** The national centre: receives referrals whose province is unknown and those going abroad. */
export const NATIONAL_CENTRE_ID = 'rcmp-ncecc';

const ALL = PROVINCE_CODES;

function rcmpDivision(letter: string, province: ProvinceCode, en: string, fr: string, isDefault = false): PoliceService {
  return {
    id: `rcmp-${letter.toLowerCase()}-division`,
    name: { en: `RCMP ${letter} Division (${en})`, fr: `GRC, Division ${letter} (${fr})` },
    kind: 'rcmp-division',
    provinces: [province],
    defaultReferralTargetFor: isDefault ? [province] : [],
  };
}

function service(id: string, kind: PoliceServiceKind, province: ProvinceCode, en: string, fr: string, extra: { area?: string; isDefault?: boolean } = {}): PoliceService {
  return { id, name: { en, fr }, kind, provinces: [province], area: extra.area, defaultReferralTargetFor: extra.isDefault ? [province] : [] };
}

/**
 * The registry's data: public names of Canadian police services that receive child-exploitation
 * referrals. Configurable data, to be confirmed with the partner agencies before production: units
 * are reorganised and renamed. Each province has exactly one default referral target (its ICE unit
 * where a provincial one exists, otherwise the provincial police or RCMP division); municipal
 * services are listed so investigators can pick them by override.
 */
export const POLICE_SERVICES: readonly PoliceService[] = [
  // Federal
  {
    id: NATIONAL_CENTRE_ID,
    name: { en: 'RCMP National Child Exploitation Crime Centre (NCECC)', fr: "GRC, Centre national contre l'exploitation des enfants (CNCEE)" },
    kind: 'federal',
    provinces: ALL,
    defaultReferralTargetFor: [],
  },
  { id: 'rcmp-national-hq', name: { en: 'RCMP National Headquarters', fr: 'GRC, Direction générale' }, kind: 'federal', provinces: ALL, defaultReferralTargetFor: [] },
  // RCMP divisions, by letter
  rcmpDivision('B', 'NL', 'Newfoundland and Labrador', 'Terre-Neuve-et-Labrador'),
  rcmpDivision('C', 'QC', 'Quebec', 'Québec'),
  rcmpDivision('D', 'MB', 'Manitoba', 'Manitoba'),
  rcmpDivision('E', 'BC', 'British Columbia', 'Colombie-Britannique'),
  rcmpDivision('F', 'SK', 'Saskatchewan', 'Saskatchewan'),
  rcmpDivision('G', 'NT', 'Northwest Territories', 'Territoires du Nord-Ouest', true),
  rcmpDivision('H', 'NS', 'Nova Scotia', 'Nouvelle-Écosse'),
  rcmpDivision('J', 'NB', 'New Brunswick', 'Nouveau-Brunswick'),
  rcmpDivision('K', 'AB', 'Alberta', 'Alberta'),
  rcmpDivision('L', 'PE', 'Prince Edward Island', 'Île-du-Prince-Édouard', true),
  rcmpDivision('M', 'YT', 'Yukon', 'Yukon', true),
  rcmpDivision('V', 'NU', 'Nunavut', 'Nunavut', true),
  rcmpDivision('O', 'ON', 'Ontario', 'Ontario'),
  // Provincial police
  service('ontario-provincial-police', 'provincial', 'ON', 'Ontario Provincial Police (OPP)', "Police provinciale de l'Ontario (PPO)"),
  service('surete-du-quebec', 'provincial', 'QC', 'Sûreté du Québec', 'Sûreté du Québec', { isDefault: true }),
  service('royal-newfoundland-constabulary', 'provincial', 'NL', 'Royal Newfoundland Constabulary (RNC)', 'Royal Newfoundland Constabulary (RNC)'),
  // Provincial ICE (Internet Child Exploitation) units
  service(
    'ontario-provincial-strategy-ice',
    'ice-unit',
    'ON',
    "Ontario's Provincial Strategy to Protect Children from Sexual Abuse and Exploitation on the Internet (coordinated by the OPP Child Sexual Exploitation Unit)",
    "Stratégie provinciale de l'Ontario pour protéger les enfants contre l'exploitation et les abus sexuels sur Internet (coordonnée par l'Unité de lutte contre l'exploitation sexuelle des enfants de la PPO)",
    { isDefault: true },
  ),
  service('bc-integrated-child-exploitation', 'ice-unit', 'BC', 'BC Integrated Child Exploitation Unit (BC ICE)', "Groupe intégré de lutte contre l'exploitation des enfants de la C.-B.", { isDefault: true }),
  service('alert-ice', 'ice-unit', 'AB', 'ALERT Internet Child Exploitation Unit (ALERT ICE)', "ALERT, Groupe de lutte contre l'exploitation des enfants sur Internet", { isDefault: true }),
  service('saskatchewan-ice', 'ice-unit', 'SK', 'Saskatchewan Internet Child Exploitation Unit (Saskatchewan ICE)', "Groupe de lutte contre l'exploitation des enfants sur Internet de la Saskatchewan", { isDefault: true }),
  service('manitoba-ice', 'ice-unit', 'MB', 'Manitoba Integrated Child Exploitation Unit (Manitoba ICE)', "Groupe intégré de lutte contre l'exploitation des enfants du Manitoba", { isDefault: true }),
  service('nova-scotia-ice', 'ice-unit', 'NS', 'Nova Scotia Internet Child Exploitation Unit (Nova Scotia ICE)', "Groupe de lutte contre l'exploitation des enfants sur Internet de la Nouvelle-Écosse", { isDefault: true }),
  service('new-brunswick-ice', 'ice-unit', 'NB', 'New Brunswick Internet Child Exploitation Unit (New Brunswick ICE)', "Groupe de lutte contre l'exploitation des enfants sur Internet du Nouveau-Brunswick", { isDefault: true }),
  service('newfoundland-labrador-ice', 'ice-unit', 'NL', 'Newfoundland and Labrador Internet Child Exploitation Unit (RNC–RCMP)', "Groupe de lutte contre l'exploitation des enfants sur Internet de Terre-Neuve-et-Labrador (RNC–GRC)", { isDefault: true }),
  // Municipal and regional services
  service('toronto-police-service', 'municipal', 'ON', 'Toronto Police Service', 'Service de police de Toronto', { area: 'Toronto' }),
  service('peel-regional-police', 'municipal', 'ON', 'Peel Regional Police', 'Police régionale de Peel', { area: 'Peel Region (Mississauga, Brampton)' }),
  service('york-regional-police', 'municipal', 'ON', 'York Regional Police', 'Police régionale de York', { area: 'York Region' }),
  service('durham-regional-police', 'municipal', 'ON', 'Durham Regional Police Service', 'Service de police régional de Durham', { area: 'Durham Region' }),
  service('ottawa-police-service', 'municipal', 'ON', 'Ottawa Police Service', "Service de police d'Ottawa", { area: 'Ottawa' }),
  service('hamilton-police-service', 'municipal', 'ON', 'Hamilton Police Service', 'Service de police de Hamilton', { area: 'Hamilton' }),
  service('waterloo-regional-police', 'municipal', 'ON', 'Waterloo Regional Police Service', 'Service de police régional de Waterloo', { area: 'Waterloo Region' }),
  service('spvm', 'municipal', 'QC', 'Montreal Police Service (SPVM)', 'Service de police de la Ville de Montréal (SPVM)', { area: 'Montréal' }),
  service('spvq', 'municipal', 'QC', 'Québec City Police Service (SPVQ)', 'Service de police de la Ville de Québec (SPVQ)', { area: 'Québec' }),
  service('laval-police', 'municipal', 'QC', 'Laval Police Service', 'Service de police de Laval', { area: 'Laval' }),
  service('vancouver-police-department', 'municipal', 'BC', 'Vancouver Police Department', 'Service de police de Vancouver', { area: 'Vancouver' }),
  service('calgary-police-service', 'municipal', 'AB', 'Calgary Police Service', 'Service de police de Calgary', { area: 'Calgary' }),
  service('edmonton-police-service', 'municipal', 'AB', 'Edmonton Police Service', "Service de police d'Edmonton", { area: 'Edmonton' }),
  service('winnipeg-police-service', 'municipal', 'MB', 'Winnipeg Police Service', 'Service de police de Winnipeg', { area: 'Winnipeg' }),
  service('saskatoon-police-service', 'municipal', 'SK', 'Saskatoon Police Service', 'Service de police de Saskatoon', { area: 'Saskatoon' }),
  service('regina-police-service', 'municipal', 'SK', 'Regina Police Service', 'Service de police de Regina', { area: 'Regina' }),
  service('halifax-regional-police', 'municipal', 'NS', 'Halifax Regional Police', "Police régionale d'Halifax", { area: 'Halifax Regional Municipality' }),
];

/**
 * The police services a deployment knows, and who gets a referral by default. Built from data
 * (POLICE_SERVICES by default) and checked: unique ids, the national centre present, exactly one
 * default referral target per province and territory.
 */
export class PoliceServiceRegistry {
  private readonly byId: ReadonlyMap<string, PoliceService>;
  private readonly defaults: ReadonlyMap<ProvinceCode, PoliceService>;

  constructor(readonly services: readonly PoliceService[] = POLICE_SERVICES) {
    const byId = new Map<string, PoliceService>();
    const defaults = new Map<ProvinceCode, PoliceService>();
    for (const entry of services) {
      if (byId.has(entry.id)) throw new ValidationError(`police service ${entry.id} is listed twice`, 'policeServices');
      byId.set(entry.id, entry);
      for (const province of entry.defaultReferralTargetFor) {
        const previous = defaults.get(province);
        if (previous) throw new ValidationError(`${province} has two default referral targets: ${previous.id} and ${entry.id}`, 'policeServices');
        defaults.set(province, entry);
      }
    }
    if (!byId.has(NATIONAL_CENTRE_ID)) throw new ValidationError(`the registry needs the national centre (${NATIONAL_CENTRE_ID})`, 'policeServices');
    const missing = PROVINCE_CODES.filter((province) => !defaults.has(province));
    if (missing.length > 0) throw new ValidationError(`no default referral target for ${missing.join(', ')}`, 'policeServices');
    this.byId = byId;
    this.defaults = defaults;
  }

  find(id: string): PoliceService | undefined {
    return this.byId.get(id);
  }

  nationalCentre(): PoliceService {
    return this.byId.get(NATIONAL_CENTRE_ID) as PoliceService;
  }

  defaultReferralTarget(province: ProvinceCode): PoliceService {
    return this.defaults.get(province) as PoliceService;
  }

  /** Services with jurisdiction in a province: provincial and local ones first, federal last. */
  serving(province: ProvinceCode): PoliceService[] {
    const order: Record<PoliceServiceKind, number> = { 'ice-unit': 0, provincial: 1, 'rcmp-division': 2, municipal: 3, federal: 4 };
    return this.services.filter((entry) => entry.provinces.includes(province)).sort((a, b) => order[a.kind] - order[b.kind]);
  }
}
