import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { CaseHistoryEntry, CodedReason, Jurisdiction, JurisdictionCandidate, JurisdictionConflict, JurisdictionRecommendation, ReasonValues, SharedIdentifier, UnresolvedEvidence } from './api';

/**
 * The server's jurisdiction and link reasons in the reader's language, from their codes and
 * values (libs/jurisdictions jurisdiction-resolver.ts, libs/cases identifiers.ts), as
 * triage-reasons.ts does for triage. What came without a code (a server or a stored row from
 * before the codes) or with a code this UI does not know is shown as the server's English sentence.
 */
export function jurisdictionReasons(t: TFunction, language: 'en' | 'fr') {
  const locale = language === 'fr' ? 'fr-CA' : 'en-CA';
  const regions = new Intl.DisplayNames([locale], { type: 'region' });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const hours = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const and = new Intl.ListFormat(locale, { type: 'conjunction' });
  const or = new Intl.ListFormat(locale, { type: 'disjunction' });
  const separator = t('reasons.separator');

  const text = (values: ReasonValues, key: string): string | undefined => (typeof values[key] === 'string' ? (values[key] as string) : undefined);
  const count = (values: ReasonValues, key: string): number | undefined => (typeof values[key] === 'number' ? (values[key] as number) : undefined);
  const country = (code: string): string => {
    try {
      return regions.of(code) ?? code;
    } catch {
      return code; // not a well-formed region code
    }
  };
  const province = (code: string): string => t(`provinces.${code}`, { defaultValue: code });
  /** "in Ontario" / "en Ontario", "au Québec". */
  const inProvince = (code: string): string => t(`reasons.jurisdiction.inProvince.${code}`, { defaultValue: province(code) });
  /** "Ontario" / "l’Ontario", "le Québec": French needs the article inside a sentence. */
  const theProvince = (code: string): string => t(`reasons.jurisdiction.theProvince.${code}`, { defaultValue: province(code) });
  /** "CA-ON" → "Ontario", "FR" → "France". */
  const place = (code: string): string => {
    const canadian = /^CA-([A-Z]{2})$/.exec(code);
    return canadian ? province(canadian[1]) : country(code);
  };
  const jurisdictionName = (jurisdiction: Jurisdiction): string => (jurisdiction.province ? `${province(jurisdiction.province)}, ${country(jurisdiction.country)}` : country(jurisdiction.country));
  const jurisdictionCodeName = (code: string): string => {
    const canadian = /^CA-([A-Z]{2})$/.exec(code);
    return canadian ? jurisdictionName({ country: 'CA', province: canadian[1] }) : country(code);
  };
  /** NANP numbers grouped as people write them (+1 613 555-0142); others as the server gave them. */
  const phoneNumber = (e164: string): string => {
    const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
    return nanp ? `+1 ${nanp[1]} ${nanp[2]}-${nanp[3]}` : e164;
  };
  const clauses = (...parts: Array<string | undefined>): string => parts.filter((part): part is string => Boolean(part)).join(separator);

  function phoneProblem(values: ReasonValues): string | undefined {
    const problem = text(values, 'problem');
    if (!problem) return undefined;
    const number = text(values, 'number');
    const detail = { number: number ? phoneNumber(number) : '', callingCode: text(values, 'callingCode') ?? '' };
    const sentence = t(`reasons.jurisdiction.phoneProblems.${problem}`, { ...detail, defaultValue: '' });
    return sentence || undefined;
  }

  function ipPlace(values: ReasonValues): string {
    const provinceCode = text(values, 'province');
    const region = provinceCode ? province(provinceCode) : country(text(values, 'country') ?? '');
    const city = text(values, 'city');
    return city ? `${city}, ${region}` : region;
  }

  /** One reading's reason (a piece of evidence, placed or not), or undefined for an unknown code. */
  function readingSentence({ code, values }: CodedReason): string | undefined {
    const e164 = text(values, 'e164');
    const number = e164 ? phoneNumber(e164) : undefined;
    switch (code) {
      case 'postal-code':
      case 'postal-code-shared-district': {
        const provinceCode = text(values, 'province') ?? '';
        const sentence = t('reasons.jurisdiction.postal-code', { postalCode: text(values, 'postalCode'), fsa: text(values, 'fsa'), province: province(provinceCode) });
        return code === 'postal-code' ? sentence : clauses(sentence, t('reasons.jurisdiction.sharedDistrict'));
      }
      case 'not-a-postal-code':
        return t('reasons.jurisdiction.not-a-postal-code', { value: text(values, 'value') });
      case 'phone-not-parsed':
        return t('reasons.jurisdiction.phone-not-parsed', { value: text(values, 'value') });
      case 'phone-invalid': {
        const problem = phoneProblem(values);
        return problem ? t('reasons.jurisdiction.phone-invalid', { value: text(values, 'value'), problem }) : undefined;
      }
      case 'phone-toll-free':
        return t('reasons.jurisdiction.phone-toll-free', { number, areaCode: text(values, 'areaCode') });
      case 'phone-non-geographic':
        return t('reasons.jurisdiction.phone-non-geographic', { number, areaCode: text(values, 'areaCode') });
      case 'phone-area-code': {
        const provinces = Array.isArray(values.provinces) ? values.provinces : [];
        if (provinces.length === 0) return undefined;
        const sentence =
          provinces.length === 1
            ? t('reasons.jurisdiction.phone-area-code', { areaCode: text(values, 'areaCode'), number, inProvince: inProvince(provinces[0]) })
            : t('reasons.jurisdiction.phone-area-code-shared', { areaCode: text(values, 'areaCode'), number, provinces: and.format(provinces.map(theProvince)) });
        return clauses(sentence, values.mobile === true ? t('reasons.jurisdiction.mobile') : undefined);
      }
      case 'phone-area-code-unlisted':
        return t('reasons.jurisdiction.phone-area-code-unlisted', { number, areaCode: text(values, 'areaCode') });
      case 'phone-no-country':
        return t('reasons.jurisdiction.phone-no-country', { number, callingCode: text(values, 'callingCode') });
      case 'phone-country': {
        const type = text(values, 'type') ?? 'unknown';
        const sentence = t(`reasons.jurisdiction.phone-country.${type}`, { number, country: country(text(values, 'country') ?? ''), defaultValue: '' });
        return sentence ? clauses(sentence, type === 'mobile' ? t('reasons.jurisdiction.mobile') : undefined) : undefined;
      }
      case 'ip-invalid':
        return t('reasons.jurisdiction.ip-invalid', { value: text(values, 'value') });
      case 'ip-non-public': {
        // The resolver's labels ("carrier-grade NAT") as keys ("carrier-grade-nat").
        const range = (text(values, 'range') ?? '').toLowerCase().replace(/[^a-z]+/g, '-');
        const kind = t(`reasons.jurisdiction.ipRanges.${range}`, { defaultValue: '' });
        return kind ? t('reasons.jurisdiction.ip-non-public', { ip: text(values, 'ip'), kind }) : undefined;
      }
      case 'ip-not-geolocated':
        return t('reasons.jurisdiction.ip-not-geolocated', { ip: text(values, 'ip') });
      case 'ip-not-in-database':
        return t('reasons.jurisdiction.ip-not-in-database', { ip: text(values, 'ip') });
      case 'ip-unknown-country':
        return t('reasons.jurisdiction.ip-unknown-country', { ip: text(values, 'ip'), country: text(values, 'country') });
      case 'ip-geolocated': {
        const radius = count(values, 'radiusKm');
        const daysAgo = count(values, 'daysAgo');
        const where =
          radius === undefined
            ? t('reasons.jurisdiction.ip-geolocated', { ip: text(values, 'ip'), place: ipPlace(values) })
            : t('reasons.jurisdiction.ip-geolocated-within', { ip: text(values, 'ip'), place: ipPlace(values), radius: decimal.format(radius) });
        return clauses(
          where,
          values.anonymizer === true ? t('reasons.jurisdiction.anonymizer') : undefined,
          // Only observations over 180 days old are reported: always a plural.
          daysAgo !== undefined ? t('reasons.jurisdiction.stale', { days: decimal.format(daysAgo) }) : undefined,
        );
      }
      case 'declared-location': {
        const jurisdiction = text(values, 'jurisdiction');
        if (!jurisdiction) return undefined;
        const matched = text(values, 'precision') === 'postal-code' ? t('reasons.jurisdiction.matchedPostalCode', { fsa: text(values, 'matched') }) : t('reasons.jurisdiction.matched', { matched: text(values, 'matched') });
        return t('reasons.jurisdiction.declared-location', { value: text(values, 'value'), place: jurisdictionCodeName(jurisdiction), matched });
      }
      case 'declared-location-unreadable':
        return t('reasons.jurisdiction.declared-location-unreadable', { value: text(values, 'value') });
      case 'override': {
        const service = language === 'fr' ? text(values, 'serviceFr') : text(values, 'serviceEn');
        const jurisdiction = text(values, 'jurisdiction');
        const target = service ?? (jurisdiction ? jurisdictionCodeName(jurisdiction) : text(values, 'target'));
        const by = text(values, 'by');
        const at = text(values, 'at');
        const source = by && at ? t('reasons.jurisdiction.overrideSource', { by, at: dateTime.format(new Date(at)) }) : (by ?? text(values, 'source'));
        return t('reasons.jurisdiction.override', { source, target, reason: text(values, 'reason') });
      }
      default:
        return undefined;
    }
  }

  /** How the referral goes, from the recommendation's route and service. */
  function routing(recommended: JurisdictionRecommendation): string {
    const service = recommended.policeService.name[language];
    if (recommended.code === 'no-evidence' || recommended.code === 'countries-tied') return t('reasons.recommendation.decides', { service });
    const countryName = country(recommended.jurisdiction?.country ?? '');
    if (recommended.route === 'liaison-officer') return t('reasons.recommendation.liaison-officer', { service, country: countryName });
    if (recommended.route === 'interpol') return t('reasons.recommendation.interpol', { service, country: countryName });
    return t('reasons.recommendation.domestic', { service });
  }

  function recommendationBasis(recommended: JurisdictionRecommendation): string | undefined {
    const values = recommended.values ?? {};
    const confidence = percent.format(count(values, 'confidence') ?? recommended.confidence);
    const bestCountry = () => t('reasons.recommendation.best-country', { country: country(text(values, 'country') ?? ''), confidence });
    const supporting = (recommended.supporting ?? []).map(readingSentence);
    switch (recommended.code) {
      case 'override':
        return supporting.length > 0 && supporting.every(Boolean) ? clauses(...supporting) : undefined;
      case 'no-evidence':
        return t('reasons.recommendation.no-evidence');
      case 'countries-tied':
        return t('reasons.recommendation.countries-tied', { first: country(text(values, 'first') ?? ''), second: country(text(values, 'second') ?? '') });
      case 'best-country':
        return bestCountry();
      case 'no-province-named':
        return clauses(bestCountry(), t('reasons.recommendation.no-province-named'));
      case 'provinces-tied': {
        const [first, second] = [text(values, 'first'), text(values, 'second')].map((code) => theProvince((code ?? '').replace(/^CA-/, '')));
        return clauses(bestCountry(), t('reasons.recommendation.provinces-tied', { first, second }));
      }
      case 'province-too-weak':
        return clauses(
          bestCountry(),
          t('reasons.recommendation.province-too-weak', { best: place(text(values, 'best') ?? ''), confidence: percent.format(count(values, 'bestConfidence') ?? 0) }),
        );
      case 'best-province': {
        if (supporting.length === 0 || !supporting.every(Boolean)) return undefined;
        return t('reasons.recommendation.best-province', { province: place(text(values, 'jurisdiction') ?? ''), confidence, reasons: clauses(...supporting) });
      }
      default:
        return undefined;
    }
  }

  function conflictClaim(claim: NonNullable<JurisdictionConflict['claims']>[number]): string {
    return t('reasons.conflict.claim', {
      kind: t(`reasons.conflict.kinds.${claim.evidence.kind}`, { defaultValue: claim.evidence.kind }),
      value: claim.evidence.value,
      places: or.format(claim.jurisdictions.map((jurisdiction) => (jurisdiction.province ? province(jurisdiction.province) : country(jurisdiction.country)))),
    });
  }

  function linkSentence(shared: SharedIdentifier): string | undefined {
    const values = shared.values ?? {};
    if (shared.code === 'same-identifier') {
      const kind = t(`reasons.link.kinds.${text(values, 'kind') ?? ''}`, { defaultValue: '' });
      return kind ? t('reasons.link.same-identifier', { kind, value: text(values, 'value') }) : undefined;
    }
    if (shared.code === 'ip-close-in-time') {
      return t('reasons.link.ip-close-in-time', { ip: text(values, 'ip'), hours: hours.format(count(values, 'hours') ?? 0), window: decimal.format(count(values, 'windowHours') ?? 0) });
    }
    return undefined;
  }

  /** A reading or an unresolved piece of evidence. */
  function reading(reason: Partial<CodedReason> & { reason: string }): string {
    return (reason.code && reason.values && readingSentence({ code: reason.code, values: reason.values })) || reason.reason;
  }

  return {
    /** "Ontario, Canada" / "France", in the reader's language. */
    jurisdictionName,
    reading,
    unresolved: (entry: UnresolvedEvidence): string => reading(entry),
    /** A candidate's reasons, one per reading behind it. */
    candidate(candidate: JurisdictionCandidate): string[] {
      const codes = candidate.reasonCodes;
      if (!codes || codes.length !== candidate.reasons.length) return candidate.reasons;
      return codes.map((code, index) => readingSentence(code) ?? candidate.reasons[index]);
    },
    /** Why the recommendation, then how the referral goes. */
    recommendation(recommended: JurisdictionRecommendation): string {
      const basis = recommended.code ? recommendationBasis(recommended) : undefined;
      return basis ? clauses(basis, routing(recommended)) : recommended.reason;
    },
    conflict(conflict: JurisdictionConflict): string {
      const [a, b] = conflict.claims ?? [];
      return a && b ? t('reasons.conflict.disagrees', { a: conflictClaim(a), b: conflictClaim(b) }) : conflict.description;
    },
    link(shared: SharedIdentifier): string {
      return linkSentence(shared) ?? shared.reason;
    },
    /** A referral attached to the case by the identifiers it shares (timeline), or undefined if the entry says nothing of them. */
    attached(entry: CaseHistoryEntry): string | undefined {
      const shared = entry.detail.shared;
      if (entry.detail.rule !== 'shared-strong-identifier' || !Array.isArray(shared)) return undefined;
      const sentences = (shared as SharedIdentifier[]).map(linkSentence);
      return sentences.every(Boolean) ? t('reasons.link.attached', { reasons: sentences.join(separator) }) : undefined;
    },
  };
}

export type JurisdictionReasons = ReturnType<typeof jurisdictionReasons>;

export function useJurisdictionReasons(): JurisdictionReasons {
  const { t, i18n } = useTranslation();
  return jurisdictionReasons(t, i18n.resolvedLanguage === 'fr' ? 'fr' : 'en');
}
