import i18n from 'i18next';
import ICU from 'i18next-icu';
import { initReactI18next } from 'react-i18next';
import { setRequestLanguage } from '../api/http';
import { detectLanguage, isLanguage, LANGUAGE_STORAGE_KEY, type Language, languages } from './language';
import type en from './locales/en.json';

type Messages = typeof en;

/** Each language is its own chunk: only the one in use is downloaded before the first render. */
const loaders: Record<Language, () => Promise<{ default: Messages }>> = {
  en: () => import('./locales/en.json'),
  ru: () => import('./locales/ru.json'),
  id: () => import('./locales/id.json'),
};

async function ensureMessages(language: Language): Promise<void> {
  if (i18n.hasResourceBundle(language, 'translation')) return;
  const messages = await loaders[language]();
  i18n.addResourceBundle(language, 'translation', messages.default, true, true);
}

function readStoredLanguage(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    return null; // storage blocked (private mode, policies): fall back to the browser's languages
  }
}

function applyToDocument(language: string): void {
  document.documentElement.lang = language;
  setRequestLanguage(language);
}

export async function initI18n(): Promise<void> {
  const language = detectLanguage(readStoredLanguage(), navigator.languages ?? [navigator.language]);
  const messages = await loaders[language]();
  await i18n
    .use(ICU)
    .use(initReactI18next)
    .init({
      lng: language,
      fallbackLng: 'en',
      supportedLngs: languages,
      resources: { [language]: { translation: messages.default } },
      partialBundledLanguages: true,
      interpolation: { escapeValue: false },
      react: { useSuspense: false },
    });
  applyToDocument(language);
  i18n.on('languageChanged', applyToDocument);
  // English is the fallback for a key a translation lacks; fetch it after the first render.
  if (language !== 'en') setTimeout(() => void ensureMessages('en'), 0);
}

/** Switches the UI language (downloading it first) and remembers the choice on this device at once. */
export async function changeLanguage(language: Language): Promise<void> {
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // not persisted; the choice still applies to this visit
  }
  await ensureMessages(language);
  await i18n.changeLanguage(language);
}

/** The language the UI is in now. */
export function currentLanguage(): Language {
  const language = i18n.resolvedLanguage ?? i18n.language;
  return isLanguage(language) ? language : 'en';
}

export { i18n };
