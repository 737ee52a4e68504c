import type { Catalog, Tariff } from '@kabinet/contracts';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useCatalog } from '../../api/catalog';
import { lineCatalogQuery } from '../../api/lines';
import { to } from '../../app/routes';
import { useSignedInLine } from '../../auth/useSignedInLine';
import { currentLanguage } from '../../i18n';
import { pricesIn } from '../../lib/catalog';
import { pickText } from '../../lib/localized';
import { Icon } from '../../ui/Icon';
import { Page } from '../../ui/Page';
import { EmptyState, SkeletonCards } from '../../ui/states';
import { WithCatalog } from '../../ui/WithCatalog';
import { AllowanceList } from '../catalog/AllowanceList';
import { PriceList } from '../catalog/PriceList';
import { useFormat } from '../catalog/useFormat';
import { OrderFlow, useOrderFlow } from '../orders/OrderDialog';

function TariffDetails({ tariff, catalog }: { tariff: Tariff; catalog: Catalog }) {
  const { t } = useTranslation();
  const format = useFormat(catalog);
  const prices = pricesIn(tariff, null);
  const hasRoaming = tariff.prices.some((p) => p.roamingZone !== null);
  return (
    <div className="detail-grid">
      <section className="card detail-summary" aria-label={tariff.name}>
        <span className={`badge badge--${tariff.paymentType}`}>
          {t('tariffs.paymentType', { type: tariff.paymentType })}
        </span>
        <p className="detail-summary__fee">{format.fee(tariff.feeAmount, tariff.feePeriod)}</p>
        {tariff.allowances.length > 0 ? (
          <>
            <h2 className="card__title">{t('tariffs.detail.includedEvery', { period: tariff.feePeriod })}</h2>
            <AllowanceList allowances={tariff.allowances} format={format} />
          </>
        ) : (
          <p className="muted">{t('tariffs.detail.nothingIncluded')}</p>
        )}
      </section>

      <section className="card" aria-labelledby="prices-title">
        <h2 className="card__title" id="prices-title">
          {t('tariffs.detail.prices')}
        </h2>
        <p className="card__lead">{t('tariffs.detail.pricesLead')}</p>
        {prices.length > 0 ? (
          <PriceList prices={prices} format={format} />
        ) : (
          <EmptyState>{t('tariffs.detail.noPrices')}</EmptyState>
        )}
        {hasRoaming ? (
          <p className="card__footnote">
            <Link to={to.roaming()} className="text-link">
              {t('tariffs.detail.roamingLink')}
            </Link>
          </p>
        ) : null}
      </section>

      <section className="card" aria-labelledby="rules-title">
        <h2 className="card__title" id="rules-title">
          {t('tariffs.detail.rules')}
        </h2>
        <ul className="facts">
          <li>
            {tariff.voiceCharging === 'per_minute'
              ? t('tariffs.detail.voicePerMinute')
              : t('tariffs.detail.voicePerSecond')}
          </li>
          {tariff.voiceFreeSeconds > 0 ? (
            <li>{t('tariffs.detail.voiceFree', { count: tariff.voiceFreeSeconds })}</li>
          ) : null}
          <li>{t('tariffs.detail.dataRounding', { size: format.data(tariff.dataRoundingBytes) })}</li>
        </ul>
        <h3 className="card__subtitle">{t('tariffs.detail.change')}</h3>
        <p>
          <strong>{format.fee(tariff.changeFee, 'one_time')}</strong>.{' '}
          {t('tariffs.detail.changeEffective', { when: tariff.changeEffective })}
        </p>
      </section>
    </div>
  );
}

/** Signed in: this tariff is the line's own, or one priced switch away. */
function SwitchToTariff({ msisdn, tariff }: { msisdn: string; tariff: Tariff }) {
  const { t } = useTranslation();
  const flow = useOrderFlow();
  const lineCatalog = useQuery(lineCatalogQuery(msisdn));
  const entry = lineCatalog.data?.tariffs.find((x) => x.code === tariff.code);
  if (!entry) return null; // not offered to this line's payment type, or not loaded yet
  return (
    <OrderFlow msisdn={msisdn} flow={flow}>
      {entry.current ? (
        <p className="badge badge--current tariff-yours">{t('lineTariffs.yours')}</p>
      ) : (
        <button
          type="button"
          className="button button--primary"
          onClick={() => flow.open({ kind: 'change_tariff', code: tariff.code, name: tariff.name })}
        >
          {t('lineTariffs.switchTo', { name: tariff.name })}
        </button>
      )}
    </OrderFlow>
  );
}

export default function TariffPage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const line = useSignedInLine();
  const tariff = useCatalog().data?.tariffs.find((x) => x.code === code);
  const back = (
    <Link to={to.tariffs()} className="back-link">
      <Icon name="chevronLeft" size={18} />
      {t('tariffs.detail.back')}
    </Link>
  );
  return (
    <Page
      title={tariff?.name ?? t('tariffs.title')}
      lead={tariff ? pickText(tariff.description, currentLanguage()) : undefined}
      before={back}
    >
      <WithCatalog skeleton={<SkeletonCards count={3} lines={4} />}>
        {(catalog) =>
          tariff ? (
            <>
              {line ? <SwitchToTariff msisdn={line.msisdn} tariff={tariff} /> : null}
              <TariffDetails tariff={tariff} catalog={catalog} />
            </>
          ) : (
            <EmptyState>{t('tariffs.detail.notFound')}</EmptyState>
          )
        }
      </WithCatalog>
    </Page>
  );
}
