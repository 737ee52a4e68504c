import type { LocalizedText } from '@kabinet/contracts';

/** The operator's text in the UI language, falling back to English (always present). */
export function pickText(text: LocalizedText, language: string): string {
  const value = (text as Record<string, string | undefined>)[language];
  return value?.trim() ? value : text.en;
}

const regionNames = new Map<string, Intl.DisplayNames>();

/** A country's name in the UI language from its ISO 3166-1 alpha-2 code; the code if Intl has none. */
export function countryName(code: string, language: string): string {
  let names = regionNames.get(language);
  if (!names) {
    names = new Intl.DisplayNames([language], { type: 'region', fallback: 'code' });
    regionNames.set(language, names);
  }
  try {
    return names.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}
