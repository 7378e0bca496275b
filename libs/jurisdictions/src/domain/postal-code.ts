import type { ProvinceCode } from './canadian-province';

/**
 * The first letter of a Canadian postal code (the forward sortation area's district) names
 * the province, except X, shared by the Northwest Territories and Nunavut, which needs the
 * whole FSA (X0A–X0C are Nunavut).
 */
const DISTRICTS: Record<string, ProvinceCode> = {
  A: 'NL', B: 'NS', C: 'PE', E: 'NB', G: 'QC', H: 'QC', J: 'QC', K: 'ON', L: 'ON', M: 'ON', N: 'ON', P: 'ON',
  R: 'MB', S: 'SK', T: 'AB', V: 'BC', Y: 'YT',
};
const NUNAVUT_FSAS = new Set(['X0A', 'X0B', 'X0C']);

export interface PostalCodeEvidence {
  province: ProvinceCode;
  confidence: 'high';
  reason: string;
}

export function provinceFromPostalCode(postalCode: string): PostalCodeEvidence | undefined {
  const normalised = postalCode.toUpperCase().replace(/\s+/g, '');
  if (!/^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z]\d[ABCEGHJ-NPRSTV-Z]\d$/.test(normalised)) return undefined;
  const fsa = normalised.slice(0, 3);
  const province = fsa[0] === 'X' ? (NUNAVUT_FSAS.has(fsa) ? 'NU' : 'NT') : DISTRICTS[fsa[0]];
  if (!province) return undefined;
  return { province, confidence: 'high', reason: `postal code ${fsa} ${normalised.slice(3)} is in forward sortation area ${fsa} (${province})` };
}
