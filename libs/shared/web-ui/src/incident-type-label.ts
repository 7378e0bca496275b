import { useTranslation } from 'react-i18next';

/**
 * The tipline's incident types by their short names (`ui.incidentTypes`), for the staff UIs that
 * show the tipline's reports (hash detection's review, the hub's referrals); a type from another
 * source (NCMEC, a police service) as it came.
 */
export function useIncidentTypeLabel(): (code: string) => string {
  const { t } = useTranslation();
  return (code) => t(`ui.incidentTypes.${code}`, { defaultValue: code });
}
