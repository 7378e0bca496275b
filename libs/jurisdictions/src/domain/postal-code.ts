import type { ProvinceCode } from './canadian-province';

/**
 * The first letter of a Canadian postal code (the forward sortation area's district) names
 * the province, except X, shared by the Northwest Territories and Nunavut: there the whole FSA
 * decides (X0A–X0C are Nunavut), and since FSA boundaries were drawn before Nunavut existed and
 * do not follow the territorial border everywhere, an X code is only medium confidence.
 */
const DISTRICTS: Record<string, ProvinceCode> = {
  A: 'NL', B: 'NS', C: 'PE', E: 'NB', G: 'QC', H: 'QC', J: 'QC', K: 'ON', L: 'ON', M: 'ON', N: 'ON', P: 'ON',
  R: 'MB', S: 'SK', T: 'AB', V: 'BC', Y: 'YT',
};
const NUNAVUT_FSAS = new Set(['X0A', 'X0B', 'X0C']);

/** Letters D, F, I, O, Q, U never appear; W and Z never start a code. */
const POSTAL_CODE = /^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z]\d[ABCEGHJ-NPRSTV-Z]\d$/;
/** The same, found inside free text (an address), with an optional space or hyphen. */
const POSTAL_CODE_IN_TEXT = /\b([ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z])[ -]?(\d[ABCEGHJ-NPRSTV-Z]\d)\b/i;

export interface PostalCodeEvidence {
  province: ProvinceCode;
  fsa: string;
  confidence: 'high' | 'medium';
  reason: string;
}

export function provinceFromPostalCode(postalCode: string): PostalCodeEvidence | undefined {
  const normalised = postalCode.toUpperCase().replace(/[\s-]+/g, '');
  if (!POSTAL_CODE.test(normalised)) return undefined;
  const fsa = normalised.slice(0, 3);
  const formatted = `${fsa} ${normalised.slice(3)}`;
  if (fsa[0] === 'X') {
    const province = NUNAVUT_FSAS.has(fsa) ? 'NU' : 'NT';
    return {
      province,
      fsa,
      confidence: 'medium',
      reason: `postal code ${formatted} is in forward sortation area ${fsa} (${province}); district X is shared by NT and NU, so the territory is less certain`,
    };
  }
  const province = DISTRICTS[fsa[0]];
  return { province, fsa, confidence: 'high', reason: `postal code ${formatted} is in forward sortation area ${fsa} (${province})` };
}

/** The first Canadian postal code written anywhere in a text (an address), normalised, if any. */
export function findPostalCodeIn(text: string): string | undefined {
  const match = POSTAL_CODE_IN_TEXT.exec(text);
  return match ? `${match[1]}${match[2]}`.toUpperCase() : undefined;
}
