import type { Allowance, Catalog, LocalizedText, UnitPrice } from '@kabinet/contracts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n';
import { countryName, pickText } from '../../lib/localized';
import { formatMoney, formatUnitPrice } from '../../lib/money';
import { formatDataBytes, wholeMinutes } from '../../lib/units';

export type FeePeriod = 'month' | 'day' | 'monthly' | 'daily' | 'one_time';

/** Formatting of catalogue values in the UI language and the operator's currency. */
export function useFormat(catalog: Catalog) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage();
  const currency = catalog.operator.currency;
  // biome-ignore lint/correctness/useExhaustiveDependencies: i18n.language re-creates the helpers on a switch
  return useMemo(() => {
    const money = (minor: number) => formatMoney(minor, currency, language);
    return {
      language,
      money,
      text: (text: LocalizedText) => pickText(text, language),
      country: (code: string) => countryName(code, language),
      /** A zone's name when the catalogue has a roaming zone with that code (zones share codes), else the code. */
      zoneName: (code: string) => {
        const zone = catalog.roamingZones.find((z) => z.code === code);
        return zone ? pickText(zone.name, language) : code;
      },
      data: (bytes: number) => formatDataBytes(bytes, language),
      /** "₽500/month", "₽5/day", "₽100 once"; "No monthly fee" for a tariff without one, "Free" otherwise. */
      fee: (amount: number, period: FeePeriod) => {
        if (amount !== 0) return t('price.fee', { price: money(amount), period });
        return period === 'month' || period === 'day' ? t('price.noFee', { period }) : t('price.free');
      },
      /** "from ₽300/month" (also "from ₽0/month") for the cheapest of several. */
      feeFrom: (amount: number, period: FeePeriod) =>
        t('price.from', { price: t('price.fee', { price: money(amount), period }) }),
      /** "₽1.50/min", "₽0.0035/MB"; "Free" for zero. */
      unitPrice: (price: Pick<UnitPrice, 'priceMicros' | 'per'>) =>
        price.priceMicros === 0
          ? t('price.free')
          : t('price.per', { price: formatUnitPrice(price.priceMicros, currency, language), per: price.per }),
      /** The amount of an allowance: "500 minutes", "100 SMS", "15 GB". */
      amount: (allowance: Allowance) => {
        switch (allowance.unit) {
          case 'voice_seconds':
            return t('units.minutes', { count: wholeMinutes(allowance.amount) });
          case 'sms':
            return t('units.sms', { count: allowance.amount });
          case 'data_bytes':
            return formatDataBytes(allowance.amount, language);
        }
      },
      /** Where an allowance applies, when it is not everywhere: "within the network". */
      scope: (allowance: Allowance) =>
        allowance.scope === 'all' ? '' : t('units.scope', { scope: allowance.scope }),
    };
  }, [t, catalog, currency, language, i18n.language]);
}

export type Format = ReturnType<typeof useFormat>;
