import type en from './locales/en.json';
import type fi from './locales/fi.json';

/**
 * Strings of pages few people open, added to the instance when their page's code loads
 * (`addLazyMessages`), so the first load of every visit does not carry them. Typed here all the same.
 */
type LazyMessages = {
  integrations: typeof import('../../features/settings/locales/integrations.en.json');
  provisioning: typeof import('../../features/settings/locales/provisioning.en.json');
  channels: typeof import('../../features/settings/locales/channels.en.json');
  signInSettings: typeof import('../../features/settings/locales/signInSettings.en.json');
  calendar: typeof import('../../features/studio/locales/calendar.en.json');
  linkPreview: typeof import('../../features/studio/locales/linkPreview.en.json');
  suggestions: typeof import('../../features/suggestions/locales/suggestions.en.json');
  push: typeof import('../../features/profile/locales/push.en.json');
  connections: typeof import('../../features/profile/locales/connections.en.json');
  postForMe: typeof import('../../features/feed/locales/postForMe.en.json');
};

/** English is the reference; Finnish must carry exactly the same keys (checked by the compiler below). */
export type Messages = typeof en & LazyMessages;

// Both directions, so a key added to one language and forgotten in the other fails typecheck.
type Assignable<Target, Source extends Target> = Source;
export type LanguagesAgree = [Assignable<typeof en, typeof fi>, Assignable<typeof fi, typeof en>];

/**
 * Each language's strings are a chunk of their own, loaded before the first render: a visit loads
 * one language, not all of them.
 */
export const loadLanguage: Record<Language, () => Promise<typeof en>> = {
  en: () => import('./locales/en.json').then((module) => module.default),
  fi: () => import('./locales/fi.json').then((module) => module.default),
};

export const languages = ['en', 'fi'] as const;
export type Language = (typeof languages)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/** Where the language the person picked in the UI is kept (see i18n.ts). */
export const chosenLanguageKey = 'heimo.language';

/**
 * The language of this visit before anyone is signed in: the one picked here earlier, else the first
 * of the browser's languages Heimo speaks (`fi-FI` counts as `fi`), else English. The entry calls it
 * to start loading the strings before i18next is there.
 */
export function detectLanguage(): Language {
  let chosen: string | null = null;
  try {
    chosen = window.localStorage.getItem(chosenLanguageKey);
  } catch {
    // storage can be blocked; then the browser language is used
  }
  if (isLanguage(chosen)) return chosen;
  const browser = [...(navigator.languages ?? []), navigator.language];
  return browser.map((code) => code?.split('-')[0]?.toLowerCase()).find(isLanguage) ?? 'en';
}

/** Lazily loaded pages' strings, by language: added to a language's strings whenever they load. */
const lazyMessages: Record<Language, Record<string, object>> = { en: {}, fi: {} };

/** The strings of lazily loaded pages that `language` has so far (merged into it when it loads). */
export function lazyMessagesOf(language: Language): Record<string, object> {
  return lazyMessages[language];
}

/**
 * Adds a lazily loaded page's strings (both languages, the same keys: the caller's types check it)
 * to every language's translations; call it at the top of the page's module. A language not loaded
 * yet gets them when it loads.
 */
export function addLazyMessages<K extends keyof LazyMessages>(
  i18n: {
    hasResourceBundle: (lng: string, ns: string) => boolean;
    addResourceBundle: (
      lng: string,
      ns: string,
      resources: object,
      deep?: boolean,
      overwrite?: boolean,
    ) => unknown;
  },
  key: K,
  messages: Record<Language, LazyMessages[K]>,
): void {
  for (const language of languages) {
    lazyMessages[language][key] = messages[language];
    if (i18n.hasResourceBundle(language, 'translation'))
      i18n.addResourceBundle(language, 'translation', { [key]: messages[language] }, true, true);
  }
}
