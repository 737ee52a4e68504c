import type { Catalog, LineCatalog, Tariff } from '@kabinet/contracts';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { lineCatalogQuery } from '../../api/lines';
import { to } from '../../app/routes';
import { useSignedInLine } from '../../auth/useSignedInLine';
import { Icon } from '../../ui/Icon';
import { Page } from '../../ui/Page';
import { EmptyState, ErrorState, Loading, SkeletonCards } from '../../ui/states';
import { WithCatalog } from '../../ui/WithCatalog';
import { AllowanceList } from '../catalog/AllowanceList';
import { type Format, useFormat } from '../catalog/useFormat';
import { OrderFlow, useOrderFlow } from '../orders/OrderDialog';
import { CompareTable } from './CompareTable';

function TariffCard({
  tariff,
  format,
  current = false,
  action,
}: {
  tariff: Tariff;
  format: Format;
  /** The signed-in line's own tariff. */
  current?: boolean;
  action?: ReactNode;
}) {
  const { t } = useTranslation();
  const description = format.text(tariff.description);
  return (
    <article
      className={current ? 'card tariff-card tariff-card--current' : 'card tariff-card'}
      aria-labelledby={`tariff-${tariff.code}`}
    >
      <div className="tariff-card__head">
        <h2 className="tariff-card__name" id={`tariff-${tariff.code}`}>
          {tariff.name}
        </h2>
        {current ? <span className="badge badge--current">{t('lineTariffs.yours')}</span> : null}
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
      {action}
    </article>
  );
}

function Tariffs({
  catalog,
  line,
}: {
  catalog: Catalog;
  line?: { msisdn: string; tariffs: LineCatalog['tariffs'] };
}) {
  const { t } = useTranslation();
  const format = useFormat(catalog);
  const flow = useOrderFlow();
  if (catalog.tariffs.length === 0) return <EmptyState>{t('tariffs.empty')}</EmptyState>;
  // Signed in: the line's own tariff first, then the ones it may switch to.
  const ordered = line
    ? [...line.tariffs].sort((a, b) => Number(b.current) - Number(a.current))
    : catalog.tariffs;
  const cards = (
    <div className="card-grid">
      {ordered.map((tariff) => {
        const current = line ? (tariff as LineCatalog['tariffs'][number]).current : false;
        return (
          <TariffCard
            key={tariff.code}
            tariff={tariff}
            format={format}
            current={current}
            action={
              line && !current ? (
                <button
                  type="button"
                  className="button button--primary tariff-card__switch"
                  aria-label={t('lineTariffs.switchTo', { name: tariff.name })}
                  onClick={() => flow.open({ kind: 'change_tariff', code: tariff.code, name: tariff.name })}
                >
                  {t('lineTariffs.switch')}
                </button>
              ) : undefined
            }
          />
        );
      })}
    </div>
  );
  return (
    <>
      {line ? (
        <OrderFlow msisdn={line.msisdn} flow={flow}>
          {cards}
        </OrderFlow>
      ) : (
        cards
      )}
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

/** Signed in: the tariffs this line may have (its payment type), its own marked, each one tap from a priced switch. */
function LineTariffs({ msisdn }: { msisdn: string }) {
  const query = useQuery(lineCatalogQuery(msisdn));
  const catalog = useMemo(() => (query.data ? { ...query.data, rewards: [] } : null), [query.data]);
  if (query.isError) {
    return (
      <ErrorState error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />
    );
  }
  if (!query.data || !catalog) {
    return (
      <Loading>
        <SkeletonCards count={3} lines={4} />
      </Loading>
    );
  }
  return <Tariffs catalog={catalog} line={{ msisdn, tariffs: query.data.tariffs }} />;
}

export default function TariffsPage() {
  const { t } = useTranslation();
  const line = useSignedInLine();
  return (
    <Page title={t('tariffs.title')} lead={line ? t('lineTariffs.lead') : t('tariffs.lead')}>
      {line ? (
        <LineTariffs msisdn={line.msisdn} />
      ) : (
        <WithCatalog skeleton={<SkeletonCards count={3} lines={4} />}>
          {(catalog) => <Tariffs catalog={catalog} />}
        </WithCatalog>
      )}
    </Page>
  );
}
