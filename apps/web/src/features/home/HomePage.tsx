import type { Catalog } from '@kabinet/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { to } from '../../app/routes';
import { lastSession, useSession } from '../../auth/session';
import { cheapestTariff, groupServices, internetPacks, minBy, roamingCountries } from '../../lib/catalog';
import { Icon, type IconName } from '../../ui/Icon';
import { useDocumentTitle } from '../../ui/Page';
import { Loading, SkeletonCards, SkeletonLine } from '../../ui/states';
import { WithCatalog } from '../../ui/WithCatalog';
import { AllowanceList } from '../catalog/AllowanceList';
import { useFormat } from '../catalog/useFormat';
import { LineHome } from './LineHome';

function SectionCard({
  href,
  icon,
  title,
  value,
  detail,
  cta,
}: {
  href: string;
  icon: IconName;
  title: string;
  value: ReactNode;
  detail?: ReactNode;
  cta: string;
}) {
  return (
    <Link to={href} className="card card--link section-card">
      <span className="section-card__head">
        <span className="section-card__icon">
          <Icon name={icon} size={22} />
        </span>
        <span className="section-card__title">{title}</span>
      </span>
      <span className="section-card__value">{value}</span>
      {detail ? <span className="section-card__detail">{detail}</span> : null}
      <span className="section-card__cta">
        {cta}
        <Icon name="chevronRight" size={18} />
      </span>
    </Link>
  );
}

function Overview({ catalog, afterHero }: { catalog: Catalog; afterHero?: ReactNode }) {
  const { t } = useTranslation();
  const format = useFormat(catalog);
  const cheapest = cheapestTariff(catalog.tariffs);
  const packs = internetPacks(catalog);
  const services = groupServices(catalog.services);
  const optionsCount = services.options.reduce((n, g) => n + g.services.length, 0);
  const countries = roamingCountries(catalog.roamingZones).length;
  const cheapestReward = minBy(catalog.rewards, (r) => r.pointsCost);
  const featured = [...catalog.tariffs].slice(0, 3);

  return (
    <>
      <section className="hero" aria-labelledby="home-title">
        <h1 id="home-title" className="hero__title">
          {t('home.title', { operator: catalog.operator.name })}
        </h1>
        <p className="hero__lead">{t('home.lead')}</p>
        {cheapest ? (
          <Link to={to.tariff(cheapest.code)} className="hero__offer">
            <span className="hero__offer-name">{cheapest.name}</span>
            <span className="hero__offer-price">{format.fee(cheapest.feeAmount, cheapest.feePeriod)}</span>
            <Icon name="chevronRight" size={20} />
          </Link>
        ) : null}
      </section>

      {afterHero}

      <section aria-labelledby="home-sections" className="section">
        <h2 id="home-sections" className="section__title">
          {t('home.sectionsTitle')}
        </h2>
        <div className="card-grid card-grid--sections">
          <SectionCard
            href={to.tariffs()}
            icon="tariffs"
            title={t('nav.tariffs')}
            value={
              cheapest
                ? format.feeFrom(cheapest.feeAmount, cheapest.feePeriod)
                : t('home.tariffsCount', { count: 0 })
            }
            detail={cheapest ? t('home.tariffsCount', { count: catalog.tariffs.length }) : null}
            cta={t('home.tariffsCta')}
          />
          <SectionCard
            href={to.internet()}
            icon="internet"
            title={t('nav.internet')}
            value={
              packs[0]
                ? t('price.from', { price: format.money(packs[0].price) })
                : t('home.internetCount', { count: 0 })
            }
            detail={packs.length > 0 ? t('home.internetCount', { count: packs.length }) : null}
            cta={t('home.internetCta')}
          />
          <SectionCard
            href={to.services()}
            icon="services"
            title={t('nav.services')}
            value={t('home.servicesCount', { count: optionsCount })}
            detail={
              services.content.length > 0 ? t('home.contentCount', { count: services.content.length }) : null
            }
            cta={t('home.servicesCta')}
          />
          <SectionCard
            href={to.roaming()}
            icon="roaming"
            title={t('nav.roaming')}
            value={t('home.countriesCount', { count: countries })}
            detail={t('home.zonesCount', { count: catalog.roamingZones.length })}
            cta={t('home.roamingCta')}
          />
          <SectionCard
            href={to.bonus()}
            icon="bonus"
            title={t('nav.bonus')}
            value={t('home.rewardsCount', { count: catalog.rewards.length })}
            detail={cheapestReward ? t('home.rewardsFrom', { count: cheapestReward.pointsCost }) : null}
            cta={t('home.bonusCta')}
          />
        </div>
      </section>

      {featured.length > 0 ? (
        <section aria-labelledby="home-tariffs" className="section">
          <div className="section__head">
            <h2 id="home-tariffs" className="section__title">
              {t('home.popularTitle')}
            </h2>
            <Link to={to.tariffs()} className="text-link">
              {t('home.allTariffs')}
            </Link>
          </div>
          <div className="card-grid">
            {featured.map((tariff) => (
              <Link key={tariff.code} to={to.tariff(tariff.code)} className="card card--link tariff-mini">
                <span className="tariff-mini__name">{tariff.name}</span>
                <span className="tariff-mini__fee">{format.fee(tariff.feeAmount, tariff.feePeriod)}</span>
                <AllowanceList allowances={tariff.allowances} format={format} />
              </Link>
            ))}
          </div>
        </section>
      ) : null}
    </>
  );
}

function HomeSkeleton() {
  return (
    <>
      <div className="hero hero--skeleton">
        <SkeletonLine width="70%" height="2rem" />
        <SkeletonLine width="90%" />
        <SkeletonLine width="50%" height="3rem" />
      </div>
      <SkeletonCards count={5} lines={2} />
    </>
  );
}

/** For visitors: what signing in gives them, next to the public catalogue. */
function SignInCard() {
  const { t } = useTranslation();
  return (
    <section className="card sign-in-card" aria-labelledby="home-sign-in">
      <h2 id="home-sign-in" className="card__title">
        {t('home.signInTitle')}
      </h2>
      <p className="card__lead">{t('home.signInLead')}</p>
      <Link to={to.signIn()} className="button button--primary">
        {t('auth.signIn.action')}
      </Link>
    </section>
  );
}

function PublicHome() {
  const { t } = useTranslation();
  useDocumentTitle(t('nav.home'));
  return (
    <div className="page page--home">
      <WithCatalog skeleton={<HomeSkeleton />}>
        {(catalog) => <Overview catalog={catalog} afterHero={<SignInCard />} />}
      </WithCatalog>
    </div>
  );
}

export default function HomePage() {
  const session = useSession();
  if (session.data?.state === 'signed_in') return <LineHome session={session.data.session} />;
  // Until the server says who this is, the Home this device last showed (no PIN on it), marked as not
  // yet fresh; any answer other than signed in replaces it and forgets it (auth/session).
  const remembered = session.isPending ? lastSession() : null;
  if (remembered) return <LineHome session={remembered} remembered />;
  if (session.isPending) {
    return (
      <div className="page page--home">
        <Loading>
          <HomeSkeleton />
        </Loading>
      </div>
    );
  }
  return <PublicHome />;
}
