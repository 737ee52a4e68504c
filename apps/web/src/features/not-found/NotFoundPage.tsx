import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { to } from '../../app/routes';
import { Page } from '../../ui/Page';

export default function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('notFound.title')} lead={t('notFound.message')}>
      <Link to={to.home()} className="button button--primary">
        {t('notFound.home')}
      </Link>
    </Page>
  );
}
