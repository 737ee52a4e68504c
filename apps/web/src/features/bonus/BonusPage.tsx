import type { Catalog } from '@kabinet/contracts';
import { useTranslation } from 'react-i18next';
import { Page } from '../../ui/Page';
import { EmptyState, SkeletonCards } from '../../ui/states';
import { WithCatalog } from '../../ui/WithCatalog';
import { useFormat } from '../catalog/useFormat';

function Rewards({ catalog }: { catalog: Catalog }) {
  const { t } = useTranslation();
  const format = useFormat(catalog);
  if (catalog.rewards.length === 0) return <EmptyState>{t('bonus.empty')}</EmptyState>;
  const rewards = [...catalog.rewards].sort((a, b) => a.pointsCost - b.pointsCost);
  return (
    <div className="card-grid">
      {rewards.map((reward) => {
        const description = format.text(reward.description);
        return (
          <article className="card reward-card" key={reward.code} aria-labelledby={`reward-${reward.code}`}>
            <span className={`badge badge--${reward.rewardType}`}>
              {t('bonus.rewardType', { type: reward.rewardType })}
            </span>
            <h2 className="reward-card__name" id={`reward-${reward.code}`}>
              {format.text(reward.name)}
            </h2>
            {description ? <p className="reward-card__description">{description}</p> : null}
            <div className="reward-card__foot">
              <span className="reward-card__points">{t('units.points', { count: reward.pointsCost })}</span>
              {reward.partner ? (
                <span className="reward-card__partner">
                  {t('bonus.partner', { partner: reward.partner })}
                </span>
              ) : null}
            </div>
          </article>
        );
      })}
    </div>
  );
}

export default function BonusPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('bonus.title')} lead={t('bonus.lead')}>
      <WithCatalog skeleton={<SkeletonCards count={4} lines={2} />}>
        {(catalog) => <Rewards catalog={catalog} />}
      </WithCatalog>
    </Page>
  );
}
