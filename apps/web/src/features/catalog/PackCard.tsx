import type { Pack } from '@kabinet/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { totalOf } from '../../lib/catalog';
import { AllowanceList } from './AllowanceList';
import type { Format } from './useFormat';

/** An add-on pack: its data volume up front, then what else it includes, validity and price; `children`: actions. */
export function PackCard({ pack, format, children }: { pack: Pack; format: Format; children?: ReactNode }) {
  const { t } = useTranslation();
  const data = totalOf(pack.allowances, 'data_bytes');
  const extras = pack.allowances.filter((a) => a.unit !== 'data_bytes');
  return (
    <article className="card pack-card" aria-labelledby={`pack-${pack.code}`}>
      <h3 className="pack-card__name" id={`pack-${pack.code}`}>
        {format.text(pack.name)}
      </h3>
      {data > 0 ? <p className="pack-card__volume">{format.data(data)}</p> : null}
      {extras.length > 0 ? (
        <div className="pack-card__extras">
          {data > 0 ? <span className="sr-only">{t('internet.extras')}</span> : null}
          <AllowanceList allowances={extras} format={format} />
        </div>
      ) : null}
      <div className="pack-card__foot">
        <span className="pack-card__validity">{t('internet.validity', { count: pack.validityDays })}</span>
        <span className="pack-card__price">{format.money(pack.price)}</span>
      </div>
      {children}
    </article>
  );
}
