import en from './locales/en.json';
import fi from './locales/fi.json';

/** English is the reference; Finnish must carry exactly the same keys (checked by the compiler below). */
export type Messages = typeof en;

// Both directions, so a key added to one language and forgotten in the other fails typecheck.
const finnish: Messages = fi;
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
