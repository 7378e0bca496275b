/**
 * Criminal Code (Canada) offence categories an analyst can attach to a report or an incident
 * when confirming its classification. Data, not code paths: a hotline elsewhere replaces the
 * list with its own law's offences.
 */
export const OFFENCE_CATEGORIES = [
  { code: 's.163.1', label: 'Child pornography (making, distributing, possessing, accessing)' },
  { code: 's.172.1', label: 'Luring a child' },
  { code: 's.172.2', label: 'Agreement or arrangement — sexual offence against a child' },
  { code: 's.286.1(2)', label: 'Obtaining sexual services of a person under 18' },
  { code: 's.279.011', label: 'Trafficking of a person under 18' },
  { code: 's.162.1', label: 'Publication of an intimate image without consent' },
  { code: 's.346', label: 'Extortion' },
] as const;

export type OffenceCategory = (typeof OFFENCE_CATEGORIES)[number]['code'];

export function isOffenceCategory(value: unknown): value is OffenceCategory {
  return typeof value === 'string' && OFFENCE_CATEGORIES.some((category) => category.code === value);
}
