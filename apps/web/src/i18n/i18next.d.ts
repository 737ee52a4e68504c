import 'i18next';
import type en from './locales/en.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
    // Messages are ICU MessageFormat (i18next-icu); i18next's {{var}} type extractor does not apply.
    parseInterpolation: false;
  }
}
