import type { LineCatalog } from '@kabinet/contracts';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { lineCatalogQuery, lineSummaryQuery } from '../../api/lines';
import { internetPacks } from '../../lib/catalog';
import { EmptyState, ErrorState, Loading, SkeletonCards } from '../../ui/states';
import { PackCard } from '../catalog/PackCard';
import { useFormat } from '../catalog/useFormat';
import { BundleMeter, useLineFormat } from '../home/LineHome';
import { OrderFlow, useOrderFlow } from '../orders/OrderDialog';
import { DailyUseChart } from './DailyUseChart';

function DataLeft({ msisdn }: { msisdn: string }) {
  const { t } = useTranslation();
  const summary = useQuery(lineSummaryQuery(msisdn));
  const format = useLineFormat(summary.data?.account.currency ?? 'RUB');
  if (summary.isError) {
    return (
      <ErrorState
        error={summary.error}
        onRetry={() => void summary.refetch()}
        retrying={summary.isFetching}
      />
    );
  }
  if (!summary.data) {
    return (
      <Loading>
        <SkeletonCards count={2} lines={2} />
      </Loading>
    );
  }
  const data = summary.data.bundles.filter((b) => b.unit === 'data_bytes');
  return data.length === 0 ? (
    <EmptyState>{t('lineInternet.noData')}</EmptyState>
  ) : (
    <ul className="card-grid meters">
      {data.map((bundle) => (
        <BundleMeter key={bundle.id} bundle={bundle} format={format} />
      ))}
    </ul>
  );
}

function Packs({ msisdn, catalog }: { msisdn: string; catalog: LineCatalog }) {
  const { t } = useTranslation();
  const asCatalog = useMemo(() => ({ ...catalog, rewards: [] }), [catalog]);
  const format = useFormat(asCatalog);
  const flow = useOrderFlow();
  const packs = internetPacks(asCatalog);
  return (
    <OrderFlow msisdn={msisdn} flow={flow}>
      {packs.length === 0 ? (
        <EmptyState>{t('internet.empty')}</EmptyState>
      ) : (
        <div className="card-grid card-grid--packs">
          {packs.map((pack) => (
            <PackCard key={pack.code} pack={pack} format={format}>
              <button
                type="button"
                className="button button--primary pack-card__buy"
                aria-label={t('lineInternet.buyPack', { name: format.text(pack.name) })}
                onClick={() => flow.open({ kind: 'buy_pack', code: pack.code, name: format.text(pack.name) })}
              >
                {t('lineInternet.buy')}
              </button>
            </PackCard>
          ))}
        </div>
      )}
    </OrderFlow>
  );
}

/** The signed-in Internet screen: the data left on the line, then packs to buy in two taps. */
export function LineInternet({ msisdn }: { msisdn: string }) {
  const { t } = useTranslation();
  const catalog = useQuery(lineCatalogQuery(msisdn));
  return (
    <>
      <section className="section" aria-labelledby="data-left-title">
        <h2 className="section__title" id="data-left-title">
          {t('lineInternet.left')}
        </h2>
        <DataLeft msisdn={msisdn} />
      </section>
      <DailyUseChart msisdn={msisdn} />
      <section className="section" aria-labelledby="packs-title">
        <h2 className="section__title" id="packs-title">
          {t('lineInternet.packs')}
        </h2>
        {catalog.data ? (
          <Packs msisdn={msisdn} catalog={catalog.data} />
        ) : catalog.isError ? (
          <ErrorState
            error={catalog.error}
            onRetry={() => void catalog.refetch()}
            retrying={catalog.isFetching}
          />
        ) : (
          <Loading>
            <SkeletonCards count={3} lines={2} />
          </Loading>
        )}
      </section>
    </>
  );
}
