import { useTranslation } from 'react-i18next';
import { OFFENCE_LABEL_KEYS, type OffenceCategory } from '../api';

/**
 * A Criminal Code section as each language writes it: the code itself in English (`s.163.1`),
 * "art. 163.1" in French. Requests keep the API's codes.
 */
export function useOffenceText() {
  const { t, i18n } = useTranslation();
  const french = i18n.resolvedLanguage === 'fr';
  const section = (code: string) => (french ? code.replace(/^s\./, 'art. ') : code);
  return {
    section,
    /** "s.172.1 — Luring a child" / "art. 172.1 — Leurre d’un enfant" */
    withLabel: (code: string) => (code in OFFENCE_LABEL_KEYS ? `${section(code)} — ${t(OFFENCE_LABEL_KEYS[code as OffenceCategory])}` : code),
  };
}
