// One i18next instance for the app. The language follows the browser until the person picks one;
// the pick is remembered in localStorage and wins over the browser and over the member's saved locale.
import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import { isLanguage, languages, resources, type Language } from './resources';

const chosenLanguageKey = 'heimo.language';

function readChosenLanguage(): Language | null {
  try {
    const stored = window.localStorage.getItem(chosenLanguageKey);
    return isLanguage(stored) ? stored : null;
  } catch {
    return null; // storage can be blocked; then the browser language is used
  }
}

export async function setupI18n(): Promise<typeof i18n> {
  i18n.on('languageChanged', (language) => {
    document.documentElement.lang = language;
  });
  await i18n
    .use(LanguageDetector)
    .use(initReactI18next)
    .init({
      resources,
      supportedLngs: [...languages],
      fallbackLng: 'en',
      load: 'languageOnly',
      interpolation: { escapeValue: false }, // React escapes
      returnNull: false,
      detection: {
        order: ['localStorage', 'navigator'],
        lookupLocalStorage: chosenLanguageKey,
        caches: [], // only an explicit choice is remembered, see chooseLanguage
        convertDetectedLanguage: (language: string) => language.split('-')[0] ?? language,
      },
    });
  return i18n;
}

/** The person picked a language in the UI: use it and remember it. */
export async function chooseLanguage(language: Language): Promise<void> {
  try {
    window.localStorage.setItem(chosenLanguageKey, language);
  } catch {
    // not remembered, still applied
  }
  await i18n.changeLanguage(language);
}

/** After sign-in: the member's saved locale applies unless the person picked a language here. */
export async function adoptMemberLocale(locale: string): Promise<void> {
  if (readChosenLanguage() || !isLanguage(locale) || i18n.resolvedLanguage === locale) return;
  await i18n.changeLanguage(locale);
}

export function currentLanguage(): Language {
  const resolved = i18n.resolvedLanguage;
  return isLanguage(resolved) ? resolved : 'en';
}

export { i18n };
