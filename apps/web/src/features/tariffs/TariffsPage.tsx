import type { Catalog, Tariff } from '@kabinet/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { to } from '../../app/routes';
import { Icon } from '../../ui/Icon';
import { Page } from '../../ui/Page';
import { EmptyState, SkeletonCards } from '../../ui/states';
import { WithCatalog } from '../../ui/WithCatalog';
import { AllowanceList } from '../catalog/AllowanceList';
import { type Format, useFormat } from '../catalog/useFormat';
import { CompareTable } from './CompareTable';

function TariffCard({ tariff, format }: { tariff: Tariff; format: Format }) {
  const { t } = useTranslation();
  const description = format.text(tariff.description);
  return (
    <article className="card tariff-card" aria-labelledby={`tariff-${tariff.code}`}>
      <div className="tariff-card__head">
        <h2 className="tariff-card__name" id={`tariff-${tariff.code}`}>
          {tariff.name}
        </h2>
        <span className={`badge badge--${tariff.paymentType}`}>
          {t('tariffs.paymentType', { type: tariff.paymentType })}
        </span>
      </div>
      {description ? <p className="tariff-card__description">{description}</p> : null}
      <p className="tariff-card__fee">{format.fee(tariff.feeAmount, tariff.feePeriod)}</p>
      <AllowanceList allowances={tariff.allowances} format={format} />
      <Link
        to={to.tariff(tariff.code)}
        className="button button--secondary tariff-card__more"
        aria-label={t('tariffs.detailsOf', { name: tariff.name })}
      >
        {t('tariffs.details')}
        <Icon name="chevronRight" size={18} />
      </Link>
    </article>
  );
}

function Tariffs({ catalog }: { catalog: Catalog }) {
  const { t } = useTranslation();
  const format = useFormat(catalog);
  if (catalog.tariffs.length === 0) return <EmptyState>{t('tariffs.empty')}</EmptyState>;
  return (
    <>
      <div className="card-grid">
        {catalog.tariffs.map((tariff) => (
          <TariffCard key={tariff.code} tariff={tariff} format={format} />
        ))}
      </div>
      {catalog.tariffs.length > 1 ? (
        <section className="section" aria-labelledby="compare-title">
          <h2 className="section__title" id="compare-title">
            {t('tariffs.compare.title')}
          </h2>
          <CompareTable tariffs={catalog.tariffs} format={format} />
        </section>
      ) : null}
    </>
  );
}

export default function TariffsPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('tariffs.title')} lead={t('tariffs.lead')}>
      <WithCatalog skeleton={<SkeletonCards count={3} lines={4} />}>
        {(catalog) => <Tariffs catalog={catalog} />}
      </WithCatalog>
    </Page>
  );
}
