import { useIncidentTypeLabel } from '@vigil/web-ui';
import { useTranslation } from 'react-i18next';

/** Dates, numbers, confidences and incident types in the reader's language (Canadian English or French). */
export function useFormat() {
  const { i18n } = useTranslation();
  const incidentType = useIncidentTypeLabel();
  const language: 'en' | 'fr' = i18n.resolvedLanguage === 'fr' ? 'fr' : 'en';
  const locale = language === 'fr' ? 'fr-CA' : 'en-CA';
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const number = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  return {
    language,
    date: (iso?: string | null) => (iso ? dateTime.format(new Date(iso)) : '—'),
    number: (value?: number | null) => (value === undefined || value === null ? '—' : number.format(value)),
    /** The resolver's confidences run from 0 to 1. */
    percent: (value?: number | null) => (value === undefined || value === null ? '—' : percent.format(value)),
    incidentType,
  };
}
