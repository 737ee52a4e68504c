import type { Catalog, RoamingZone } from '@kabinet/contracts';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { to } from '../../app/routes';
import { roamingCountries, roamingPacksFor, zoneOfCountry } from '../../lib/catalog';
import { Page } from '../../ui/Page';
import { EmptyState, SkeletonCards } from '../../ui/states';
import { WithCatalog } from '../../ui/WithCatalog';
import { PackCard } from '../catalog/PackCard';
import { type Format, useFormat } from '../catalog/useFormat';
import { RoamingPriceTable } from './RoamingPriceTable';

function ZoneDetails({ zone, catalog, format }: { zone: RoamingZone; catalog: Catalog; format: Format }) {
  const { t } = useTranslation();
  const packs = roamingPacksFor(catalog, zone.code);
  return (
    <>
      <section className="section" aria-labelledby="roaming-packs">
        <h2 className="section__title" id="roaming-packs">
          {t('roaming.packs')}
        </h2>
        {packs.length > 0 ? (
          <div className="card-grid card-grid--packs">
            {packs.map((pack) => (
              <PackCard key={pack.code} pack={pack} format={format} />
            ))}
          </div>
        ) : (
          <EmptyState>{t('roaming.packsEmpty')}</EmptyState>
        )}
      </section>
      <section className="section" aria-labelledby="roaming-prices">
        <h2 className="section__title" id="roaming-prices">
          {t('roaming.pricesTitle')}
        </h2>
        <p className="section__lead">{t('roaming.pricesLead')}</p>
        {catalog.tariffs.length > 0 ? (
          <RoamingPriceTable
            tariffs={catalog.tariffs}
            zoneCode={zone.code}
            format={format}
            labelledBy="roaming-prices"
          />
        ) : (
          <EmptyState>{t('tariffs.empty')}</EmptyState>
        )}
      </section>
    </>
  );
}

function ZoneList({ catalog, format }: { catalog: Catalog; format: Format }) {
  const { t } = useTranslation();
  const collator = new Intl.Collator(format.language);
  return (
    <section className="section" aria-labelledby="roaming-zones">
      <h2 className="section__title" id="roaming-zones">
        {t('roaming.zonesTitle')}
      </h2>
      <div className="card-grid">
        {catalog.roamingZones.map((zone) => (
          <section className="card zone-card" key={zone.code} aria-labelledby={`zone-${zone.code}`}>
            <h3 className="card__title" id={`zone-${zone.code}`}>
              {format.text(zone.name)}
            </h3>
            <p className="muted">{t('roaming.zoneCountries', { count: zone.countries.length })}</p>
            <ul className="country-links">
              {zone.countries
                .map((code) => ({ code: code.toUpperCase(), name: format.country(code) }))
                .sort((a, b) => collator.compare(a.name, b.name))
                .map((country) => (
                  <li key={country.code}>
                    <Link to={to.roaming(country.code)} className="country-link">
                      {country.name}
                    </Link>
                  </li>
                ))}
            </ul>
          </section>
        ))}
      </div>
    </section>
  );
}

function Roaming({ catalog }: { catalog: Catalog }) {
  const { t } = useTranslation();
  const format = useFormat(catalog);
  const selectId = useId();
  const [params, setParams] = useSearchParams();
  const country = (params.get('country') ?? '').toUpperCase();
  const countries = useMemo(() => {
    const collator = new Intl.Collator(format.language);
    return roamingCountries(catalog.roamingZones)
      .map((c) => ({ code: c.country, name: format.country(c.country) }))
      .sort((a, b) => collator.compare(a.name, b.name));
  }, [catalog.roamingZones, format]);

  if (catalog.roamingZones.length === 0) return <EmptyState>{t('roaming.zonesEmpty')}</EmptyState>;
  const zone = country ? zoneOfCountry(catalog.roamingZones, country) : undefined;

  return (
    <>
      <div className="card picker">
        <label htmlFor={selectId} className="picker__label">
          {t('roaming.country')}
        </label>
        <select
          id={selectId}
          className="picker__select"
          value={zone ? country : ''}
          onChange={(event) => {
            const value = event.target.value;
            setParams(value ? { country: value } : {}, { replace: true });
          }}
        >
          <option value="">{t('roaming.chooseCountry')}</option>
          {countries.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
        <p className="picker__result" aria-live="polite">
          {zone ? (
            <>
              <strong className="picker__country">{format.country(country)}</strong>
              <span className="badge">{t('roaming.zone', { zone: format.text(zone.name) })}</span>
            </>
          ) : country ? (
            t('roaming.noZone')
          ) : null}
        </p>
      </div>
      {zone ? (
        <ZoneDetails zone={zone} catalog={catalog} format={format} />
      ) : (
        <ZoneList catalog={catalog} format={format} />
      )}
    </>
  );
}

export default function RoamingPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('roaming.title')} lead={t('roaming.lead')}>
      <WithCatalog skeleton={<SkeletonCards count={3} lines={3} />}>
        {(catalog) => <Roaming catalog={catalog} />}
      </WithCatalog>
    </Page>
  );
}
