import type { LineCatalog, LineService } from '@kabinet/contracts';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { lineCatalogQuery, lineServicesQuery } from '../../api/lines';
import { currentLanguage } from '../../i18n';
import { groupServices } from '../../lib/catalog';
import { formatDate } from '../../lib/dates';
import { EmptyState, ErrorState, Loading, SkeletonList } from '../../ui/states';
import { type Format, useFormat } from '../catalog/useFormat';
import { OrderFlow, type OrderTarget, useOrderFlow } from '../orders/OrderDialog';
import { CallForwardingSection } from './CallForwardingForm';

type Open = (target: OrderTarget) => void;

function ConnectedRow({ service, format, open }: { service: LineService; format: Format; open: Open }) {
  const { t } = useTranslation();
  const name = format.text(service.name);
  const content = service.kind === 'content';
  return (
    <li className="list-row service-row">
      <div className="service-row__main">
        <span className="service-row__name">{name}</span>
        {service.provider ? (
          <span className="service-row__provider">
            {t('services.provider', { provider: service.provider })}
          </span>
        ) : null}
        <span className="service-row__description">
          {service.status === 'suspended'
            ? t('lineServices.suspended')
            : service.nextFeeAt
              ? t('lineServices.nextFee', { date: formatDate(service.nextFeeAt, currentLanguage()) })
              : t('lineServices.connectedOn', { date: formatDate(service.connectedAt, currentLanguage()) })}
        </span>
      </div>
      <div className="service-row__fee">
        <span className="service-row__price">{format.fee(service.feeAmount, service.feeType)}</span>
        <button
          type="button"
          className="button button--secondary button--small"
          aria-label={t(content ? 'lineServices.cancelOf' : 'lineServices.disconnectOf', { name })}
          onClick={() =>
            open({ kind: content ? 'cancel_subscription' : 'disconnect_service', code: service.code, name })
          }
        >
          {content ? t('lineServices.cancel') : t('lineServices.disconnect')}
        </button>
      </div>
    </li>
  );
}

function Available({ catalog, format, open }: { catalog: LineCatalog; format: Format; open: Open }) {
  const { t } = useTranslation();
  const { options } = groupServices(catalog.services.filter((s) => !s.connected && s.kind !== 'content'));
  if (options.length === 0) return <EmptyState>{t('lineServices.nothingToAdd')}</EmptyState>;
  return (
    <>
      {options.map((group) => (
        <section className="section" key={group.category} aria-labelledby={`available-${group.category}`}>
          <h3 className="section__subtitle" id={`available-${group.category}`}>
            {t('services.category', { category: group.category })}
          </h3>
          <ul className="card list-card">
            {group.services.map((service) => {
              const name = format.text(service.name);
              const description = format.text(service.description);
              return (
                <li className="list-row service-row" key={service.code}>
                  <div className="service-row__main">
                    <span className="service-row__name">{name}</span>
                    {description ? <span className="service-row__description">{description}</span> : null}
                  </div>
                  <div className="service-row__fee">
                    <span className="service-row__price">
                      {format.fee(service.feeAmount, service.feeType)}
                    </span>
                    <button
                      type="button"
                      className="button button--primary button--small"
                      aria-label={t('lineServices.connectOf', { name })}
                      onClick={() => open({ kind: 'connect_service', code: service.code, name })}
                    >
                      {t('lineServices.connect')}
                    </button>
                  </div>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </>
  );
}

/**
 * The signed-in Services screen: what the line pays for (options, then content subscriptions apart,
 * each one tap from cancelling), then what can be added. Every change is priced before it is confirmed.
 */
export function LineServices({ msisdn }: { msisdn: string }) {
  const { t } = useTranslation();
  const services = useQuery(lineServicesQuery(msisdn));
  const catalog = useQuery(lineCatalogQuery(msisdn));
  const flow = useOrderFlow();
  const asCatalog = useMemo(() => (catalog.data ? { ...catalog.data, rewards: [] } : null), [catalog.data]);
  const format = useFormat(
    asCatalog ?? {
      operator: { name: '', currency: 'RUB' },
      tariffs: [],
      services: [],
      packs: [],
      roamingZones: [],
      rewards: [],
    },
  );
  const failed = services.isError ? services : catalog.isError ? catalog : null;
  if (failed) {
    return (
      <ErrorState error={failed.error} onRetry={() => void failed.refetch()} retrying={failed.isFetching} />
    );
  }
  if (!services.data || !catalog.data) {
    return (
      <Loading>
        <SkeletonList rows={5} />
      </Loading>
    );
  }
  const { options, contentSubscriptions, monthlyCost, count } = services.data;
  return (
    <OrderFlow msisdn={msisdn} flow={flow}>
      <section className="section" aria-labelledby="connected-title">
        <h2 className="section__title" id="connected-title">
          {t('lineServices.connected')}
        </h2>
        {count > 0 ? (
          <p className="section__lead">
            {t('lineServices.monthly', { count, cost: format.money(monthlyCost) })}
          </p>
        ) : null}
        {options.length > 0 ? (
          <ul className="card list-card">
            {options.map((service) => (
              <ConnectedRow key={service.code} service={service} format={format} open={flow.open} />
            ))}
          </ul>
        ) : (
          <EmptyState>{t('lineServices.noneConnected')}</EmptyState>
        )}
      </section>
      <section className="section" aria-labelledby="content-title">
        <h2 className="section__title" id="content-title">
          {t('services.contentTitle')}
        </h2>
        <p className="section__lead">{t('lineServices.contentLead')}</p>
        {contentSubscriptions.length > 0 ? (
          <ul className="card list-card">
            {contentSubscriptions.map((service) => (
              <ConnectedRow key={service.code} service={service} format={format} open={flow.open} />
            ))}
          </ul>
        ) : (
          <EmptyState>{t('lineServices.noContent')}</EmptyState>
        )}
      </section>
      <section className="section" aria-labelledby="available-title">
        <h2 className="section__title" id="available-title">
          {t('lineServices.available')}
        </h2>
        <Available catalog={catalog.data} format={format} open={flow.open} />
      </section>
      <CallForwardingSection msisdn={msisdn} />
    </OrderFlow>
  );
}
