import type { Catalog } from '@kabinet/contracts';
import { useTranslation } from 'react-i18next';
import { useSignedInLine } from '../../auth/useSignedInLine';
import { internetPacks } from '../../lib/catalog';
import { Page } from '../../ui/Page';
import { EmptyState, SkeletonCards } from '../../ui/states';
import { WithCatalog } from '../../ui/WithCatalog';
import { PackCard } from '../catalog/PackCard';
import { useFormat } from '../catalog/useFormat';
import { LineInternet } from './LineInternet';

function Packs({ catalog }: { catalog: Catalog }) {
  const { t } = useTranslation();
  const format = useFormat(catalog);
  const packs = internetPacks(catalog);
  if (packs.length === 0) return <EmptyState>{t('internet.empty')}</EmptyState>;
  return (
    <div className="card-grid card-grid--packs">
      {packs.map((pack) => (
        <PackCard key={pack.code} pack={pack} format={format} />
      ))}
    </div>
  );
}

export default function InternetPage() {
  const { t } = useTranslation();
  const line = useSignedInLine();
  return (
    <Page title={t('internet.title')} lead={t('internet.lead')}>
      {line ? (
        <LineInternet msisdn={line.msisdn} />
      ) : (
        <WithCatalog skeleton={<SkeletonCards count={4} lines={2} />}>
          {(catalog) => <Packs catalog={catalog} />}
        </WithCatalog>
      )}
    </Page>
  );
}
