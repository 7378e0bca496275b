import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import sharedEn from './locales/en.json';
import sharedFr from './locales/fr.json';

/** Canada is bilingual: every staff UI speaks English and French. */
export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'vigil.language';

/** The shared components' strings (`ui.*`), merged into each app's own. */
export const sharedResources = { en: sharedEn, fr: sharedFr };

function initialLanguage(storage: Pick<Storage, 'getItem'> | undefined): Language {
  const saved = storage?.getItem(STORAGE_KEY);
  if (saved === 'en' || saved === 'fr') return saved;
  return globalThis.navigator?.language?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/**
 * One i18next instance for an app: its strings plus the shared ones, the language remembered
 * per browser, and `<html lang>` kept in step so screen readers pronounce the page right.
 */
export function createI18n(appResources: { en: object; fr: object }, storage: Storage | undefined = globalThis.localStorage): i18n {
  const instance = i18next.createInstance();
  const lng = initialLanguage(storage);
  void instance.use(initReactI18next).init({
    resources: {
      en: { translation: { ...sharedEn, ...appResources.en } },
      fr: { translation: { ...sharedFr, ...appResources.fr } },
    },
    lng,
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  const apply = (language: string) => {
    document.documentElement.lang = language;
    storage?.setItem(STORAGE_KEY, language);
  };
  apply(lng);
  instance.on('languageChanged', apply);
  return instance;
}
