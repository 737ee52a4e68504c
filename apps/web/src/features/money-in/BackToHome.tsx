import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { to } from '../../app/routes';
import { Icon } from '../../ui/Icon';

export function BackToHome() {
  const { t } = useTranslation();
  return (
    <Link to={to.home()} className="back-link">
      <Icon name="chevronLeft" size={18} />
      {t('nav.home')}
    </Link>
  );
}
