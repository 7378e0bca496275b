import { useTranslation } from 'react-i18next';

/** Dates and numbers in the reader's language (Canadian English or French). */
export function useFormat() {
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage === 'fr' ? 'fr-CA' : 'en-CA';
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const number = new Intl.NumberFormat(locale);
  const hours = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  return {
    date: (iso?: string | null) => (iso ? dateTime.format(new Date(iso)) : '—'),
    number: (value?: number | null) => (value === undefined || value === null ? '—' : number.format(value)),
    /** A standard classification in words; a custom label as it is. */
    classification: (value?: string) => (value ? t(`classifications.${value}`, { defaultValue: value }) : '—'),
    hours: (value?: number | null) => (value === undefined || value === null ? '—' : hours.format(value)),
  };
}
