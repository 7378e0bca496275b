import i18next from 'i18next';
import type { Evidence, SuspectIdentifier } from './api';
import en from './locales/en.json';
import fr from './locales/fr.json';
import { provenance } from './provenance';

const i18n = i18next.createInstance();
void i18n.init({ resources: { en: { translation: en }, fr: { translation: fr } }, lng: 'en', fallbackLng: 'en', interpolation: { escapeValue: false }, initAsync: false });
const english = provenance(i18n.getFixedT('en'));
const french = provenance(i18n.getFixedT('fr'));

const found = (source: string, sourceCode?: string, sourceValues?: Record<string, string>): SuspectIdentifier => ({
  kind: 'email', value: 'x@example.com', source, ...(sourceCode ? { sourceCode } : {}), ...(sourceValues ? { sourceValues } : {}),
});

/** One sample of every provenance code the intake gives (libs/cases identifiers.ts PROVENANCE_CODES), with the server's English. */
const EVERY_CODE: Array<[SuspectIdentifier, string, string]> = [
  [found('NCMEC reported user', 'ncmec-reported-user'), 'NCMEC reported user', 'utilisateur signalé par le NCMEC'],
  [found('NCMEC reported user (platform id)', 'ncmec-platform-id'), 'NCMEC reported user (platform id)', 'utilisateur signalé par le NCMEC (identifiant sur la plateforme)'],
  [found('NCMEC reported user (IP capture)', 'ncmec-ip-capture'), 'NCMEC reported user (IP capture)', 'utilisateur signalé par le NCMEC (adresse IP relevée)'],
  [found('NCMEC reported user (Login)', 'ncmec-ip-capture', { event: 'Login' }), 'NCMEC reported user (Login)', 'utilisateur signalé par le NCMEC (adresse IP relevée : Login)'],
  [found('NCMEC reported user, estimated location', 'ncmec-estimated-location'), 'NCMEC reported user, estimated location', 'utilisateur signalé par le NCMEC, lieu estimé'],
  [found('Example Police suspect details', 'police-suspect-details', { agency: 'Example Police' }), 'Example Police suspect details', 'renseignements sur le suspect fournis par Example Police'],
  [found('Example Police referral', 'police-referral', { agency: 'Example Police' }), 'Example Police referral', 'signalement de Example Police'],
  [found('tipline report', 'tipline-report'), 'tipline report', 'signalement reçu par la centrale'],
  [found('tipline report (Login)', 'tipline-report', { event: 'Login' }), 'tipline report (Login)', 'signalement reçu par la centrale (Login)'],
  [
    found('tipline report: named by the reporter, not said to be the suspect’s', 'tipline-named'),
    'tipline report: named by the reporter, not said to be the suspect’s',
    'signalement reçu par la centrale : nommé par le déclarant, sans qu’il soit dit appartenir au suspect',
  ],
  [found('tipline escalation summary', 'tipline-summary'), 'tipline escalation summary', 'résumé de l’analyste de la centrale lors de la transmission'],
];

describe('where an identifier was found, in the reader’s language', () => {
  it.each(EVERY_CODE)('says %j in English as the server does, and in French', (item, inEnglish, inFrench) => {
    expect(english.source(item)).toBe(inEnglish);
    expect(french.source(item)).toBe(inFrench);
  });

  it('shows the server’s English text for a row stored before the codes, an unknown code, or a code missing its values', () => {
    expect(french.source(found('NCMEC reported user'))).toBe('NCMEC reported user');
    expect(french.source(found('from a future intake', 'some-new-code'))).toBe('from a future intake');
    expect(french.source(found('Example Police referral', 'police-referral'))).toBe('Example Police referral');
  });
});

describe('which referral a piece of jurisdiction evidence came from, in the reader’s language', () => {
  const evidence: Evidence = {
    kind: 'postal-code', value: 'M5V 2T6', source: 'police BROWSER-P1-001: Example Foreign Police referral',
    provenance: { origin: 'police', reference: 'BROWSER-P1-001', code: 'police-referral', values: { agency: 'Example Foreign Police' } },
  };

  it('names the origin, the reference and where in the referral', () => {
    expect(english.evidence(evidence)).toBe('Police service · BROWSER-P1-001: Example Foreign Police referral');
    expect(french.evidence(evidence)).toBe('Service de police · BROWSER-P1-001 : signalement de Example Foreign Police');
  });

  it('keeps the English location text when the location has no code, and the whole server text without provenance', () => {
    const uncoded = { ...evidence, source: 'ncmec 900000123: NCMEC reported user', provenance: { origin: 'ncmec', reference: '900000123' } };
    expect(french.evidence(uncoded)).toBe('NCMEC · 900000123 : NCMEC reported user');
    const { provenance: _none, ...older } = evidence;
    expect(french.evidence(older)).toBe('police BROWSER-P1-001: Example Foreign Police referral');
  });

  it('adds an override’s reason after a dash', () => {
    const override: Evidence = { kind: 'override', value: 'CA-MB', source: 'investigator jdoe at 2026-12-07T20:09:00.000Z', reason: 'production order' };
    expect(french.evidence(override)).toBe('investigator jdoe at 2026-12-07T20:09:00.000Z — production order');
  });
});
