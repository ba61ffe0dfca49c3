// One i18next instance for the app. Signed out, the language follows the browser until the person
// picks one, and the pick is remembered in localStorage. Signed in, the member's saved language wins
// on every browser; a pick made then is saved to their profile (see LanguageSwitch's onChoose).
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import {
  chosenLanguageKey,
  detectLanguage,
  isLanguage,
  languages,
  lazyMessagesOf,
  loadLanguage,
  type Language,
} from './resources';

function readChosenLanguage(): Language | null {
  try {
    const stored = window.localStorage.getItem(chosenLanguageKey);
    return isLanguage(stored) ? stored : null;
  } catch {
    return null; // storage can be blocked; then the browser language is used
  }
}

/** Loads a language's strings when i18next first needs them, with the lazily loaded pages' added so far. */
const languageChunks = {
  type: 'backend' as const,
  init: () => undefined,
  read(language: string, _namespace: string, callback: (error: unknown, data: object | null) => void) {
    if (!isLanguage(language)) return callback(null, {});
    loadLanguage[language]().then(
      (messages) => callback(null, { ...messages, ...lazyMessagesOf(language) }),
      (error: unknown) => callback(error, null),
    );
  },
};

export async function setupI18n(): Promise<typeof i18n> {
  i18n.on('languageChanged', (language) => {
    document.documentElement.lang = language;
  });
  await i18n
    .use(languageChunks)
    .use(initReactI18next)
    .init({
      // The pick made here, else the browser's language, else English (the entry has already started
      // loading its strings). Only an explicit choice is remembered, see chooseLanguage.
      lng: detectLanguage(),
      supportedLngs: [...languages],
      // Finnish carries every key English has (resources.ts checks it at compile time), so a Finnish
      // visit loads only Finnish; English is the fallback of anything else.
      fallbackLng: { fi: [], default: ['en'] },
      load: 'languageOnly',
      interpolation: { escapeValue: false }, // React escapes
      returnNull: false,
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
