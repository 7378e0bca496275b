import i18next from 'i18next';
import type { CaseHistoryEntry, CodedReason, JurisdictionRecommendation, PoliceService } from './api';
import { jurisdictionReasons } from './jurisdiction-reasons';
import en from './locales/en.json';
import fr from './locales/fr.json';

const i18n = i18next.createInstance();
void i18n.init({ resources: { en: { translation: en }, fr: { translation: fr } }, lng: 'en', fallbackLng: 'en', interpolation: { escapeValue: false }, initAsync: false });
const english = jurisdictionReasons(i18n.getFixedT('en'), 'en');
const french = jurisdictionReasons(i18n.getFixedT('fr'), 'fr');

const percent = (value: number, locale: string) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(value);
const SERVER_SENTENCE = 'the server’s English sentence';

const ontarioIce: PoliceService = { id: 'ontario-provincial-strategy-ice', name: { en: 'Ontario Provincial Strategy ICE', fr: 'Stratégie provinciale de l’Ontario, ICE' }, kind: 'ice-unit' };
const nationalCentre: PoliceService = { id: 'rcmp-ncecc', name: { en: 'RCMP NCECC', fr: 'GRC, CNCEE' }, kind: 'federal' };
const torontoPolice: PoliceService = { id: 'toronto-police-service', name: { en: 'Toronto Police Service', fr: 'Service de police de Toronto' }, kind: 'municipal' };

const areaCode613: CodedReason = { code: 'phone-area-code', values: { e164: '+16135550142', areaCode: '613', provinces: ['ON'], mobile: false } };
const postalK2P: CodedReason = { code: 'postal-code', values: { postalCode: 'K2P 1L4', fsa: 'K2P', province: 'ON' } };

/** One sample of every reading code the resolver gives (libs/jurisdictions READING_CODES). */
const EVERY_READING: CodedReason[] = [
  postalK2P,
  { code: 'postal-code-shared-district', values: { postalCode: 'X0A 0H0', fsa: 'X0A', province: 'NU' } },
  { code: 'not-a-postal-code', values: { value: 'D1A 1A1' } },
  { code: 'phone-not-parsed', values: { value: '613' } },
  { code: 'phone-invalid', values: { value: '12345', problem: 'too-short' } },
  { code: 'phone-toll-free', values: { e164: '+18005550142', areaCode: '800' } },
  { code: 'phone-non-geographic', values: { e164: '+16005550142', areaCode: '600' } },
  areaCode613,
  { code: 'phone-area-code-unlisted', values: { e164: '+12735550142', areaCode: '273' } },
  { code: 'phone-no-country', values: { e164: '+88212345', callingCode: '882' } },
  { code: 'phone-country', values: { e164: '+33612345678', country: 'FR', type: 'mobile' } },
  { code: 'ip-invalid', values: { value: 'not-an-ip' } },
  { code: 'ip-non-public', values: { ip: '100.64.0.1', range: 'carrier-grade NAT' } },
  { code: 'ip-not-geolocated', values: { ip: '198.51.100.99' } },
  { code: 'ip-not-in-database', values: { ip: '192.0.2.1' } },
  { code: 'ip-unknown-country', values: { ip: '203.0.113.50', country: 'XX' } },
  { code: 'ip-geolocated', values: { ip: '198.51.100.7', country: 'CA', subdivision: 'CA-ON', province: 'ON', city: 'Ottawa', radiusKm: 20, anonymizer: false } },
  { code: 'declared-location', values: { value: 'downtown Toronto', jurisdiction: 'CA-ON', country: 'CA', province: 'ON', matched: 'toronto', precision: 'city' } },
  { code: 'declared-location-unreadable', values: { value: 'somewhere' } },
  { code: 'override', values: { source: 'investigator inv-7', target: 'CA-MB', reason: 'production order', jurisdiction: 'CA-MB' } },
];

describe('jurisdiction reasons in the reader’s language', () => {
  it('says where a phone number’s area code is, in English and in French', () => {
    expect(english.reading({ ...areaCode613, reason: SERVER_SENTENCE })).toBe('area code 613 of +1 613 555-0142 is in Ontario');
    expect(french.reading({ ...areaCode613, reason: SERVER_SENTENCE })).toBe('l’indicatif régional 613 de +1 613 555-0142 est en Ontario');
    const territories = { code: 'phone-area-code', values: { e164: '+18675550142', areaCode: '867', provinces: ['YT', 'NT', 'NU'], mobile: false }, reason: SERVER_SENTENCE };
    expect(english.reading(territories)).toBe('area code 867 of +1 867 555-0142 serves Yukon, the Northwest Territories and Nunavut');
    expect(french.reading(territories)).toBe('l’indicatif régional 867 de +1 867 555-0142 dessert le Yukon, les Territoires du Nord-Ouest et le Nunavut');
    const maritimeMobile = { code: 'phone-area-code', values: { e164: '+19025550142', areaCode: '902', provinces: ['NS', 'PE'], mobile: true }, reason: SERVER_SENTENCE };
    expect(french.reading(maritimeMobile)).toBe(
      'l’indicatif régional 902 de +1 902 555-0142 dessert la Nouvelle-Écosse et l’Île-du-Prince-Édouard ; un numéro mobile suit son propriétaire dans ses déplacements',
    );
    expect(french.reading({ code: 'phone-area-code', values: { e164: '+14185550142', areaCode: '418', provinces: ['QC'], mobile: false }, reason: SERVER_SENTENCE })).toBe(
      'l’indicatif régional 418 de +1 418 555-0142 est au Québec',
    );
    expect(french.reading({ code: 'phone-country', values: { e164: '+33612345678', country: 'FR', type: 'mobile' }, reason: SERVER_SENTENCE })).toBe(
      '+33612345678 est un numéro mobile (France) ; un numéro mobile suit son propriétaire dans ses déplacements',
    );
    expect(english.reading({ code: 'phone-country', values: { e164: '+442079460018', country: 'GB', type: 'fixed' }, reason: SERVER_SENTENCE })).toBe('+442079460018 is a fixed-line number from United Kingdom');
  });

  it('says where an IP address geolocates, with the place named in the reader’s language', () => {
    const ottawa = { code: 'ip-geolocated', values: { ip: '198.51.100.7', country: 'CA', subdivision: 'CA-ON', province: 'ON', city: 'Ottawa', radiusKm: 20, anonymizer: false }, reason: SERVER_SENTENCE };
    expect(english.reading(ottawa)).toBe('IP 198.51.100.7 geolocates to Ottawa, Ontario within 20 km');
    expect(french.reading(ottawa)).toBe('adresse IP 198.51.100.7 géolocalisée : Ottawa, Ontario, dans un rayon de 20 km');
    const vpn = { code: 'ip-geolocated', values: { ip: '203.0.113.11', country: 'NL', anonymizer: true, daysAgo: 379 }, reason: SERVER_SENTENCE };
    expect(french.reading(vpn)).toBe(
      'adresse IP 203.0.113.11 géolocalisée : Pays-Bas ; c’est un anonymiseur (RPV, mandataire ou Tor) : le lieu est celui du point de sortie, pas celui de la personne ; observée il y a 379 jours : l’adresse a pu être réattribuée depuis',
    );
    expect(english.reading({ code: 'ip-geolocated', values: { ip: '203.0.113.9', country: 'FR', subdivision: 'FR-IDF', city: 'Paris', radiusKm: 1500, anonymizer: false }, reason: SERVER_SENTENCE })).toBe(
      'IP 203.0.113.9 geolocates to Paris, France within 1,500 km',
    );
    expect(french.reading({ code: 'ip-geolocated', values: { ip: '203.0.113.9', country: 'FR', city: 'Paris', radiusKm: 1500, anonymizer: false }, reason: SERVER_SENTENCE })).toMatch(
      /^adresse IP 203\.0\.113\.9 géolocalisée : Paris, France, dans un rayon de 1\s500 km$/,
    );
  });

  it('says why evidence places nothing', () => {
    expect(french.unresolved({ evidence: { kind: 'ip', value: '10.1.2.3', source: 's' }, code: 'ip-non-public', values: { ip: '10.1.2.3', range: 'private' }, reason: SERVER_SENTENCE })).toBe(
      '10.1.2.3 est une adresse privée : elle n’indique aucun lieu',
    );
    expect(english.unresolved({ evidence: { kind: 'ip', value: '::1', source: 's' }, code: 'ip-non-public', values: { ip: '::1', range: 'unspecified or loopback' }, reason: SERVER_SENTENCE })).toBe(
      '::1 is an unspecified or loopback address: it says nothing about place',
    );
    expect(french.reading({ code: 'phone-invalid', values: { value: '+1 555 555 0142', problem: 'not-in-use', number: '+15555550142', callingCode: '1' }, reason: SERVER_SENTENCE })).toBe(
      '« +1 555 555 0142 » n’est pas un numéro de téléphone valide : +1 555 555-0142 n’est attribué dans aucun plan de numérotation',
    );
    expect(french.reading({ code: 'phone-toll-free', values: { e164: '+18005550142', areaCode: '800' }, reason: SERVER_SENTENCE })).toBe(
      '+1 800 555-0142 est un numéro sans frais (800), commun à tous les pays du plan de numérotation nord-américain : il n’indique aucun lieu',
    );
  });

  it('says what a postal code and a declared location were read as', () => {
    expect(french.reading({ ...postalK2P, reason: SERVER_SENTENCE })).toBe('le code postal K2P 1L4 est dans la région de tri d’acheminement K2P (Ontario)');
    expect(english.reading({ ...postalK2P, reason: SERVER_SENTENCE })).toBe('postal code K2P 1L4 is in forward sortation area K2P (Ontario)');
    const toronto = { code: 'declared-location', values: { value: 'downtown Toronto', jurisdiction: 'CA-ON', country: 'CA', province: 'ON', matched: 'toronto', precision: 'city' }, reason: SERVER_SENTENCE };
    expect(french.reading(toronto)).toBe('lieu déclaré « downtown Toronto » : Ontario, Canada (reconnu d’après « toronto »)');
    const address = { code: 'declared-location', values: { value: '1 Main St K1A 0B1', jurisdiction: 'CA-ON', country: 'CA', province: 'ON', matched: 'K1A', precision: 'postal-code' }, reason: SERVER_SENTENCE };
    expect(english.reading(address)).toBe('declared location “1 Main St K1A 0B1” names Ontario, Canada (read from postal code K1A)');
    expect(french.reading({ code: 'declared-location', values: { value: 'Seattle, USA', jurisdiction: 'US', country: 'US', matched: 'usa', precision: 'country' }, reason: SERVER_SENTENCE })).toBe(
      'lieu déclaré « Seattle, USA » : États-Unis (reconnu d’après « usa »)',
    );
  });

  it('shows the server’s sentence for a reason without a code, with a code it does not know, or with values it cannot use', () => {
    expect(french.reading({ reason: SERVER_SENTENCE })).toBe(SERVER_SENTENCE);
    expect(french.reading({ code: 'ip-teleported', values: { ip: '192.0.2.1' }, reason: SERVER_SENTENCE })).toBe(SERVER_SENTENCE);
    expect(french.reading({ code: 'phone-invalid', values: { value: '12345' }, reason: SERVER_SENTENCE })).toBe(SERVER_SENTENCE);
    expect(french.reading({ code: 'ip-non-public', values: { ip: '192.0.2.1', range: 'interplanetary' }, reason: SERVER_SENTENCE })).toBe(SERVER_SENTENCE);
    expect(french.candidate({ jurisdiction: { country: 'CA' }, confidence: 0.9, reasons: ['old sentence'] })).toEqual(['old sentence']);
    expect(french.candidate({ jurisdiction: { country: 'CA' }, confidence: 0.9, reasons: ['old sentence', 'unknown one'], reasonCodes: [postalK2P, { code: 'new-kind', values: {} }] })).toEqual([
      'le code postal K2P 1L4 est dans la région de tri d’acheminement K2P (Ontario)',
      'unknown one',
    ]);
  });

  it('puts every reading code the resolver gives in both languages, without falling back', () => {
    for (const reading of EVERY_READING) {
      for (const [language, reasons] of [['en', english], ['fr', french]] as const) {
        const sentence = reasons.reading({ ...reading, reason: SERVER_SENTENCE });
        expect({ code: reading.code, language, sentence }).toEqual({ code: reading.code, language, sentence: expect.not.stringMatching(/server’s English sentence|\{\{|reasons\.|undefined/) });
      }
    }
  });
});

describe('the jurisdiction recommendation in the reader’s language', () => {
  const recommendation = (extra: Partial<JurisdictionRecommendation>): JurisdictionRecommendation => ({
    jurisdiction: { country: 'CA', province: 'ON' }, policeService: ontarioIce, route: 'domestic', confidence: 0.55, reason: SERVER_SENTENCE, overridden: false, contested: false, ...extra,
  });

  it('gives the best supported province, the readings behind it, and where it goes', () => {
    const best = recommendation({ code: 'best-province', values: { jurisdiction: 'CA-ON', confidence: 0.95 }, supporting: [postalK2P, areaCode613] });
    expect(french.recommendation(best)).toBe(
      `compétence la mieux étayée : Ontario (${percent(0.95, 'fr-CA')}), car le code postal K2P 1L4 est dans la région de tri d’acheminement K2P (Ontario) ; l’indicatif régional 613 de +1 613 555-0142 est en Ontario ; transmettre à ce service : Stratégie provinciale de l’Ontario, ICE`,
    );
    expect(english.recommendation(best)).toBe(
      'Ontario is the best supported jurisdiction (95%): postal code K2P 1L4 is in forward sortation area K2P (Ontario); area code 613 of +1 613 555-0142 is in Ontario; refer to Ontario Provincial Strategy ICE',
    );
  });

  it('says when the national centre decides, and why', () => {
    const nowhere = recommendation({ jurisdiction: undefined, policeService: nationalCentre, confidence: 0, code: 'no-evidence', values: {} });
    expect(french.recommendation(nowhere)).toBe('aucun élément ne situe le dossier ; la décision revient à ce service : GRC, CNCEE');
    expect(english.recommendation(nowhere)).toBe('no evidence places the case; RCMP NCECC decides');
    const split = recommendation({ jurisdiction: undefined, policeService: nationalCentre, confidence: 0, code: 'countries-tied', values: { first: 'FR', second: 'US' } });
    expect(french.recommendation(split)).toBe('les éléments désignent à égalité deux pays : France et États-Unis ; la décision revient à ce service : GRC, CNCEE');
  });

  it('names the country, and why no province, when the province is open', () => {
    const tied = recommendation({ jurisdiction: { country: 'CA' }, policeService: nationalCentre, confidence: 0.9, code: 'provinces-tied', values: { country: 'CA', confidence: 0.9, first: 'CA-BC', second: 'CA-ON' } });
    expect(french.recommendation(tied)).toBe(
      `pays le mieux étayé : Canada (${percent(0.9, 'fr-CA')}) ; les éléments désignent à égalité la Colombie-Britannique et l’Ontario ; transmettre à ce service : GRC, CNCEE`,
    );
    const weak = recommendation({ jurisdiction: { country: 'CA' }, policeService: nationalCentre, confidence: 0.225, code: 'province-too-weak', values: { country: 'CA', confidence: 0.225, best: 'CA-QC', bestConfidence: 0.12 } });
    expect(french.recommendation(weak)).toBe(
      `pays le mieux étayé : Canada (${percent(0.225, 'fr-CA')}) ; aucune province n’est assez étayée (la meilleure : Québec, à ${percent(0.12, 'fr-CA')}) ; transmettre à ce service : GRC, CNCEE`,
    );
    const unnamed = recommendation({ jurisdiction: { country: 'CA' }, policeService: nationalCentre, confidence: 0.7, code: 'no-province-named', values: { country: 'CA', confidence: 0.7 } });
    expect(english.recommendation(unnamed)).toBe('Canada is the best supported country (70%); no evidence names a province; refer to RCMP NCECC');
  });

  it('says how a referral abroad goes: a liaison officer, or INTERPOL', () => {
    const france = recommendation({ jurisdiction: { country: 'FR' }, policeService: nationalCentre, route: 'liaison-officer', confidence: 0.75, code: 'best-country', values: { country: 'FR', confidence: 0.75 } });
    expect(french.recommendation(france)).toBe(`pays le mieux étayé : France (${percent(0.75, 'fr-CA')}) ; transmettre par l’agent de liaison de la GRC en poste dans ce pays (France), via GRC, CNCEE`);
    const kenya = recommendation({ jurisdiction: { country: 'KE' }, policeService: nationalCentre, route: 'interpol', confidence: 0.75, code: 'best-country', values: { country: 'KE', confidence: 0.75 } });
    expect(english.recommendation(kenya)).toBe('Kenya is the best supported country (75%); refer through INTERPOL (no RCMP liaison officer in Kenya), via RCMP NCECC');
    expect(french.recommendation(kenya)).toBe(`pays le mieux étayé : Kenya (${percent(0.75, 'fr-CA')}) ; transmettre par INTERPOL (aucun agent de liaison de la GRC dans ce pays : Kenya), via GRC, CNCEE`);
  });

  it('gives an investigator’s override with the service named in the reader’s language', () => {
    const override = recommendation({
      policeService: torontoPolice, confidence: 1, overridden: true, code: 'override', values: {},
      supporting: [{ code: 'override', values: { source: 'investigator inv-7', target: 'toronto-police-service', reason: 'already under investigation', jurisdiction: 'CA-ON', policeService: 'toronto-police-service', serviceEn: 'Toronto Police Service', serviceFr: 'Service de police de Toronto' } }],
    });
    expect(french.recommendation(override)).toBe('décision de l’enquêteur (investigator inv-7) : Service de police de Toronto ; motif : already under investigation ; transmettre à ce service : Service de police de Toronto');
    expect(english.recommendation(override)).toBe('investigator override by investigator inv-7 to Toronto Police Service: already under investigation; refer to Toronto Police Service');
  });

  it('says who overrode and when in the reader’s words, not the server’s "investigator … at <ISO time>"', () => {
    const at = '2026-12-07T20:09:00.000Z';
    const reading = { code: 'override', values: { source: `investigator jdoe at ${at}`, by: 'jdoe', at, target: 'CA-MB', reason: 'production order', jurisdiction: 'CA-MB' } } as const;
    const frenchDate = new Intl.DateTimeFormat('fr-CA', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at));
    const englishDate = new Intl.DateTimeFormat('en-CA', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at));
    expect(french.reading({ ...reading, reason: SERVER_SENTENCE })).toBe(`décision de l’enquêteur (jdoe, ${frenchDate}) : Manitoba, Canada ; motif : production order`);
    expect(english.reading({ ...reading, reason: SERVER_SENTENCE })).toBe(`investigator override by investigator jdoe (${englishDate}) to Manitoba, Canada: production order`);
    expect(french.reading({ ...reading, reason: SERVER_SENTENCE })).not.toContain(at);
  });

  it('shows the server’s sentence for a recommendation from before the codes, or resting on a reading it does not know', () => {
    expect(french.recommendation(recommendation({}))).toBe(SERVER_SENTENCE);
    expect(french.recommendation(recommendation({ code: 'best-province', values: { jurisdiction: 'CA-ON', confidence: 0.5 }, supporting: [{ code: 'new-kind', values: {} }] }))).toBe(SERVER_SENTENCE);
    expect(french.recommendation(recommendation({ code: 'best-province', values: { jurisdiction: 'CA-ON', confidence: 0.5 } }))).toBe(SERVER_SENTENCE);
    expect(french.recommendation(recommendation({ code: 'moon-landing', values: {} }))).toBe(SERVER_SENTENCE);
  });
});

describe('conflicts and links in the reader’s language', () => {
  it('says which evidence disagrees, from the claims', () => {
    const conflict = {
      level: 'province',
      description: SERVER_SENTENCE,
      claims: [
        { evidence: { kind: 'postal-code', value: 'K2P 1L4', source: 's' }, jurisdictions: [{ country: 'CA', province: 'ON' }], confidence: 0.9 },
        { evidence: { kind: 'phone', value: '867-555-0142', source: 's' }, jurisdictions: [{ country: 'CA', province: 'NT' }, { country: 'CA', province: 'NU' }], confidence: 0.4 },
      ],
    };
    expect(french.conflict(conflict)).toBe('le code postal « K2P 1L4 » (Ontario) contredit le numéro de téléphone « 867-555-0142 » (Territoires du Nord-Ouest ou Nunavut)');
    expect(english.conflict(conflict)).toBe('postal code “K2P 1L4” (Ontario) disagrees with phone number “867-555-0142” (Northwest Territories or Nunavut)');
    expect(french.conflict({ level: 'country', description: SERVER_SENTENCE })).toBe(SERVER_SENTENCE);
  });

  it('says what two cases share', () => {
    const email = { kind: 'email', value: 'a@example.com', strong: true, reason: 'same email a@example.com', code: 'same-identifier', values: { kind: 'email', value: 'a@example.com' } };
    const ip = { kind: 'ip', value: '192.0.2.1', strong: false, reason: 'IP 192.0.2.1 seen 1.3 h apart (within 24 h)', code: 'ip-close-in-time', values: { ip: '192.0.2.1', hours: 1.3, windowHours: 24 } };
    expect(french.link(email)).toBe('même adresse courriel : a@example.com');
    expect(english.link(email)).toBe('same e-mail a@example.com');
    expect(french.link(ip)).toBe('adresse IP 192.0.2.1 vue à 1,3 h d’intervalle (dans la fenêtre de 24 h)');
    expect(english.link(ip)).toBe('IP 192.0.2.1 seen 1.3 h apart (within 24 h)');
    expect(french.link({ ...ip, values: { ip: '192.0.2.1', hours: 0, windowHours: 24 } })).toBe('adresse IP 192.0.2.1 vue à 0,0 h d’intervalle (dans la fenêtre de 24 h)');
    expect(french.link({ kind: 'email', value: 'a@example.com', strong: true, reason: 'same email a@example.com' })).toBe('same email a@example.com');
  });

  it('says why a referral joined the case on its timeline, or leaves an older entry to its English reason', () => {
    const entry = (detail: Record<string, unknown>): CaseHistoryEntry => ({ at: '2026-11-20T10:00:00Z', actor: 'system', action: 'referral-attached', detail });
    const shared = [{ kind: 'phone', value: '+16135550100', strong: true, code: 'same-identifier', values: { kind: 'phone', value: '+16135550100' } }];
    expect(french.attached(entry({ referralId: 'r', reason: 'shares…', rule: 'shared-strong-identifier', shared }))).toBe('partage un identifiant fort avec ce dossier : même numéro de téléphone : +16135550100');
    expect(english.attached(entry({ referralId: 'r', reason: 'shares…', rule: 'shared-strong-identifier', shared }))).toBe('shares a strong identifier with this case: same phone number +16135550100');
    expect(french.attached(entry({ referralId: 'r', reason: 'shares a strong identifier with VGL-C-2026-000001: same phone +16135550100' }))).toBeUndefined();
  });
});
