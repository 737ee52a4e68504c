import type { UnitPrice } from '@kabinet/contracts';
import { useTranslation } from 'react-i18next';
import type { Format } from './useFormat';

/** Unit prices grouped by what is used (calls, SMS, internet), one row per destination. */
export function PriceList({ prices, format }: { prices: readonly UnitPrice[]; format: Format }) {
  const { t } = useTranslation();
  const groups: { usage: UnitPrice['usageType']; prices: UnitPrice[] }[] = [];
  for (const price of prices) {
    const last = groups.at(-1);
    if (last?.usage === price.usageType) last.prices.push(price);
    else groups.push({ usage: price.usageType, prices: [price] });
  }
  return (
    <div className="price-groups">
      {groups.map((group) => (
        <div className="price-group" key={group.usage}>
          <h3 className="price-group__title">{t('prices.usage', { usage: group.usage })}</h3>
          <dl className="price-list">
            {group.prices.map((price) => (
              <div
                className="price-list__row"
                key={`${price.destinationClass}-${price.internationalZone ?? ''}-${price.per}`}
              >
                <dt>
                  {price.destinationClass === 'international' && price.internationalZone
                    ? t('prices.internationalZone', { zone: format.zoneName(price.internationalZone) })
                    : price.usageType === 'data' && price.destinationClass === 'any'
                      ? t('prices.anyData')
                      : t('prices.destination', { destination: price.destinationClass })}
                </dt>
                <dd>{format.unitPrice(price)}</dd>
              </div>
            ))}
          </dl>
        </div>
      ))}
    </div>
  );
}
