import { useTranslation } from 'react-i18next';
import { LANGUAGES } from './i18n';

const NAMES: Record<(typeof LANGUAGES)[number], string> = { en: 'English', fr: 'Français' };

/** Each language named in itself, so a person who reads only one can find it. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="vigil-language" role="group" aria-label={t('ui.language')}>
      {LANGUAGES.map((language) => (
        <button key={language} type="button" lang={language} aria-pressed={i18n.resolvedLanguage === language} onClick={() => void i18n.changeLanguage(language)}>
          {NAMES[language]}
        </button>
      ))}
    </div>
  );
}
