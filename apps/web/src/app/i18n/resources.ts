import en from './locales/en.json';
import fi from './locales/fi.json';

/**
 * Strings of pages few people open, added to the instance when their page's code loads
 * (`addLazyMessages`), so the first load of every visit does not carry them. Typed here all the same.
 */
type LazyMessages = {
  integrations: typeof import('../../features/settings/locales/integrations.en.json');
  channels: typeof import('../../features/settings/locales/channels.en.json');
  signInSettings: typeof import('../../features/settings/locales/signInSettings.en.json');
};

/** English is the reference; Finnish must carry exactly the same keys (checked by the compiler below). */
export type Messages = typeof en & LazyMessages;

// Both directions, so a key added to one language and forgotten in the other fails typecheck.
const finnish: typeof en = fi;
const english: typeof fi = en;

export const resources = {
  en: { translation: english },
  fi: { translation: finnish },
} as const;

export const languages = ['en', 'fi'] as const;
export type Language = (typeof languages)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/**
 * Adds a lazily loaded page's strings (both languages, the same keys: the caller's types check it)
 * to every language's translations; call it at the top of the page's module.
 */
export function addLazyMessages<K extends keyof LazyMessages>(
  i18n: {
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
  for (const language of languages)
    i18n.addResourceBundle(language, 'translation', { [key]: messages[language] }, true, true);
}
