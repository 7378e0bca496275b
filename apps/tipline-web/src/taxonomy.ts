/**
 * The tipline's taxonomy and intake limits, as the web app needs them. These repeat the
 * tipline's own (libs/reports/src/domain, apps/tipline/src/reports/media-intake.ts): a web app
 * may not import the domain library. Plain data, so unit tests load it without React.
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

/**
 * Criminal Code offence categories an analyst attaches when classifying (libs/reports
 * offence-category.ts). Codes contain dots, which i18next reads as nesting, so each has a
 * plain key for its label under `offences` in the locale files.
 */
export const OFFENCE_CATEGORIES = ['s.163.1', 's.172.1', 's.172.2', 's.286.1(2)', 's.279.011', 's.162.1', 's.346'] as const;
export type OffenceCategory = (typeof OFFENCE_CATEGORIES)[number];
export const OFFENCE_LABEL_KEYS: Record<OffenceCategory, string> = {
  's.163.1': 'offences.childPornography',
  's.172.1': 'offences.luring',
  's.172.2': 'offences.arrangement',
  's.286.1(2)': 'offences.obtainingSexualServices',
  's.279.011': 'offences.trafficking',
  's.162.1': 'offences.intimateImage',
  's.346': 'offences.extortion',
};

export const PRIORITY_LEVELS = ['critical', 'high', 'normal', 'low'] as const;
export type PriorityLevel = (typeof PRIORITY_LEVELS)[number];

export const REPORT_STATUSES = ['submitted', 'escalated', 'closed'] as const;

/** The public intake's limits (apps/tipline/src/reports/media-intake.ts, libs/reports report.ts). */
export const MEDIA_LIMITS = { maxFiles: 10, maxFileBytes: 20 * 1024 * 1024, types: ['image/jpeg', 'image/png', 'image/gif', 'image/webp'] };
export const MAX_DESCRIPTION = 20000;

export function isSextortion(type: string): boolean {
  return type === 'sextortion-financial' || type === 'sextortion-sexual';
}

