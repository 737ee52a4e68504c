import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { pages } from '../../app/pages';
import { to } from '../../app/routes';
import { Icon } from '../../ui/Icon';

/** Home's ways to put money on the line without a card: a voucher, a promised payment, bills (postpaid). */
export function MoneyInLinks({ paymentType }: { paymentType: 'prepaid' | 'postpaid' }) {
  const { t } = useTranslation();
  const links =
    paymentType === 'postpaid'
      ? [{ href: to.bills(), id: 'bills' as const, preload: pages.bills.preload }]
      : [
          { href: to.voucher(), id: 'voucher' as const, preload: pages.voucher.preload },
          { href: to.promisedPayment(), id: 'promised' as const, preload: pages.promisedPayment.preload },
        ];
  return (
    <section className="section money-in-links" aria-labelledby="money-in-title">
      <h2 className="section__title" id="money-in-title">
        {t('moneyIn.links.title')}
      </h2>
      <ul className="card list-card">
        {links.map((link) => (
          <li key={link.id}>
            <Link
              to={link.href}
              className="list-row list-row--link"
              onPointerEnter={() => void link.preload()}
            >
              <span className="list-row__main">
                <span className="list-row__title">{t(`moneyIn.links.${link.id}`)}</span>
                <span className="list-row__text">{t(`moneyIn.links.${link.id}Text`)}</span>
              </span>
              <Icon name="chevronRight" size={18} className="list-row__chevron" />
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
