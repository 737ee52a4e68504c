import type { Tariff, UnitPrice } from '@kabinet/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { to } from '../../app/routes';
import { pricesIn } from '../../lib/catalog';
import type { Format } from '../catalog/useFormat';

const usageOrder: UnitPrice['usageType'][] = ['voice', 'sms', 'mms', 'data'];

/** Every tariff's prices in one roaming zone: a row per tariff, a column per kind of use. */
export function RoamingPriceTable({
  tariffs,
  zoneCode,
  format,
  labelledBy,
}: {
  tariffs: Tariff[];
  zoneCode: string;
  format: Format;
  labelledBy: string;
}) {
  const { t } = useTranslation();
  const rows = tariffs.map((tariff) => ({ tariff, prices: pricesIn(tariff, zoneCode) }));
  const usages = usageOrder.filter((usage) =>
    rows.some((row) => row.prices.some((p) => p.usageType === usage)),
  );
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section className="table-frame" aria-labelledby={labelledBy} tabIndex={0}>
      <table className="compare compare--compact">
        <thead>
          <tr>
            <th scope="col">{t('tariffs.compare.feature')}</th>
            {usages.map((usage) => (
              <th scope="col" key={usage}>
                {t('prices.usage', { usage })}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ tariff, prices }) => (
            <tr key={tariff.code}>
              <th scope="row">
                <Link to={to.tariff(tariff.code)}>{tariff.name}</Link>
              </th>
              {prices.length === 0 && usages.length > 0 ? (
                <td colSpan={usages.length} className="muted compare__note">
                  {t('roaming.tariffNoPrices')}
                </td>
              ) : (
                usages.map((usage) => {
                  const cell = prices.filter((p) => p.usageType === usage);
                  return (
                    <td key={usage}>
                      {cell.length === 0 ? (
                        <span className="muted">—</span>
                      ) : (
                        cell.map((price) => (
                          <span className="compare__line" key={`${price.destinationClass}-${price.per}`}>
                            {price.destinationClass !== 'any' ? (
                              <span className="muted">
                                {t('prices.destination', { destination: price.destinationClass })}:{' '}
                              </span>
                            ) : null}
                            <strong>{format.unitPrice(price)}</strong>
                          </span>
                        ))
                      )}
                    </td>
                  );
                })
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
