// One i18next instance for the app. Signed out, the language follows the browser until the person
// picks one, and the pick is remembered in localStorage. Signed in, the member's saved language wins
// on every browser; a pick made then is saved to their profile (see LanguageSwitch's onChoose).
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

/** After sign-in: the member's saved language applies, and this browser remembers it for signed-out pages. */
export async function adoptMemberLocale(locale: string): Promise<void> {
  if (!isLanguage(locale)) return;
  if (readChosenLanguage() !== locale) await chooseLanguage(locale);
  else if (i18n.resolvedLanguage !== locale) await i18n.changeLanguage(locale);
}

export function currentLanguage(): Language {
  const resolved = i18n.resolvedLanguage;
  return isLanguage(resolved) ? resolved : 'en';
}

export { i18n };
