import { useMemo } from 'react';
import { currentLanguage } from '../../i18n';
import { formatDate, formatLocalDay } from '../../lib/dates';
import { formatMoney } from '../../lib/money';

/** Money and dates of the money-in screens in the UI language and the operator's currency. */
export function useMoneyFormat(currency: string) {
  const language = currentLanguage();
  return useMemo(
    () => ({
      language,
      money: (minor: number) => formatMoney(minor, currency, language),
      date: (iso: string) => formatDate(iso, language),
      day: (day: string) => formatLocalDay(day, language),
    }),
    [currency, language],
  );
}
