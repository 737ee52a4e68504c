import en from './locales/en.json';
import id from './locales/id.json';
import ru from './locales/ru.json';

/**
 * The texts index.html's boot script paints the Home's top with before the app has loaded, taken from
 * the locale files at build time (vite.config.ts) so they never drift from what the app then shows.
 */
export function bootTexts() {
  const pick = (messages: typeof en) => ({
    title: messages.lineHome.title,
    greeting: messages.lineHome.greeting,
    balance: messages.lineHome.balance,
    asOf: messages.lineHome.asOf,
    lastKnownUpdating: messages.lineHome.lastKnownUpdating,
    refresh: messages.lineHome.refresh,
  });
  return { en: pick(en), ru: pick(ru), id: pick(id) };
}
