/**
 * What happened, in the tipline's taxonomy (see shared/domain.md). The public form asks the
 * questions each type needs; triage and referral rules key off it.
 */
export const INCIDENT_TYPES = [
  'csam',
  'online-luring',
  'sextortion-financial',
  'sextortion-sexual',
  'intimate-images-of-minor',
  'child-exploitation-through-prostitution',
  'travelling-child-sex-offender',
  'child-trafficking',
  'other',
] as const;

export type IncidentType = (typeof INCIDENT_TYPES)[number];

export const INCIDENT_TYPE_LABELS: Record<IncidentType, { en: string; fr: string }> = {
  csam: { en: 'Child sexual abuse material seen online', fr: 'Matériel d’abus pédosexuels vu en ligne' },
  'online-luring': { en: 'Online luring', fr: 'Leurre en ligne' },
  'sextortion-financial': { en: 'Sextortion (money demanded)', fr: 'Sextorsion (argent exigé)' },
  'sextortion-sexual': { en: 'Sextortion (more images demanded)', fr: 'Sextorsion (autres images exigées)' },
  'intimate-images-of-minor': { en: 'Sharing of intimate images of someone under 18', fr: 'Partage d’images intimes d’une personne de moins de 18 ans' },
  'child-exploitation-through-prostitution': { en: 'A child exploited through prostitution', fr: 'Enfant exploité par la prostitution' },
  'travelling-child-sex-offender': { en: 'Travelling child sex offender', fr: 'Délinquant sexuel voyageur' },
  'child-trafficking': { en: 'Child trafficking', fr: 'Traite d’enfants' },
  other: { en: 'Something else', fr: 'Autre chose' },
};

export function isIncidentType(value: unknown): value is IncidentType {
  return typeof value === 'string' && (INCIDENT_TYPES as readonly string[]).includes(value);
}
