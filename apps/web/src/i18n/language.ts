/** The languages the UI speaks. Adding one: a locale file, its loader in ./index.ts, and its name here. */
export const languages = ['en', 'ru', 'id'] as const;
export type Language = (typeof languages)[number];

/** Names of the languages in themselves (autonyms), as shown in the language switch. */
export const languageNames: Record<Language, string> = {
  en: 'English',
  ru: 'Русский',
  id: 'Bahasa Indonesia',
};

/** Shorter autonyms for the compact switch in the header. */
export const languageShortNames: Record<Language, string> = {
  en: 'English',
  ru: 'Русский',
  id: 'Indonesia',
};

export const LANGUAGE_STORAGE_KEY = 'kabinet.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/**
 * The language to start in: the one the person chose before (stored), otherwise the first of the
 * browser's preferred languages that we speak (by its primary subtag; "in" is the legacy code for
 * Indonesian), otherwise English.
 */
export function detectLanguage(stored: string | null, preferred: readonly string[]): Language {
  if (isLanguage(stored)) return stored;
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split(/[-_]/)[0];
    if (primary === 'in') return 'id';
    if (isLanguage(primary)) return primary;
  }
  return 'en';
}
