import type { Catalog, Service } from '@kabinet/contracts';
import { useTranslation } from 'react-i18next';
import { useSignedInLine } from '../../auth/useSignedInLine';
import { groupServices } from '../../lib/catalog';
import { Page } from '../../ui/Page';
import { EmptyState, SkeletonList } from '../../ui/states';
import { WithCatalog } from '../../ui/WithCatalog';
import { type Format, useFormat } from '../catalog/useFormat';
import { LineServices } from './LineServices';

function ServiceRow({ service, format }: { service: Service; format: Format }) {
  const { t } = useTranslation();
  const description = format.text(service.description);
  return (
    <li className="list-row service-row">
      <div className="service-row__main">
        <span className="service-row__name">{format.text(service.name)}</span>
        {service.provider ? (
          <span className="service-row__provider">
            {t('services.provider', { provider: service.provider })}
          </span>
        ) : null}
        {description ? <span className="service-row__description">{description}</span> : null}
      </div>
      <div className="service-row__fee">
        <span className="service-row__price">{format.fee(service.feeAmount, service.feeType)}</span>
      </div>
    </li>
  );
}

function Services({ catalog }: { catalog: Catalog }) {
  const { t } = useTranslation();
  const format = useFormat(catalog);
  const { options, content } = groupServices(catalog.services);
  return (
    <>
      {options.length === 0 ? <EmptyState>{t('services.empty')}</EmptyState> : null}
      {options.map((group) => (
        <section className="section" key={group.category} aria-labelledby={`category-${group.category}`}>
          <h2 className="section__title" id={`category-${group.category}`}>
            {t('services.category', { category: group.category })}
          </h2>
          <ul className="card list-card">
            {group.services.map((service) => (
              <ServiceRow key={service.code} service={service} format={format} />
            ))}
          </ul>
        </section>
      ))}
      <section className="section" aria-labelledby="content-title">
        <h2 className="section__title" id="content-title">
          {t('services.contentTitle')}
        </h2>
        <p className="section__lead">{t('services.contentLead')}</p>
        {content.length > 0 ? (
          <ul className="card list-card">
            {content.map((service) => (
              <ServiceRow key={service.code} service={service} format={format} />
            ))}
          </ul>
        ) : (
          <EmptyState>{t('services.contentEmpty')}</EmptyState>
        )}
      </section>
    </>
  );
}

export default function ServicesPage() {
  const { t } = useTranslation();
  const line = useSignedInLine();
  return (
    <Page title={t('services.title')} lead={line ? t('lineServices.lead') : t('services.lead')}>
      {line ? (
        <LineServices msisdn={line.msisdn} />
      ) : (
        <WithCatalog skeleton={<SkeletonList rows={5} />}>
          {(catalog) => <Services catalog={catalog} />}
        </WithCatalog>
      )}
    </Page>
  );
}
