import type { NotificationPreferences } from '@kabinet/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { notificationsQuery, saveNotifications } from '../../api/lines';
import { useSignedInLine } from '../../auth/useSignedInLine';
import { Notice } from '../../ui/form';
import { ErrorState, Loading, SkeletonList } from '../../ui/states';

const topics = ['low_balance', 'bundle_almost_used', 'payment_due', 'service_changes', 'offers'] as const;

function Toggles({ msisdn, saved }: { msisdn: string; saved: NotificationPreferences }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (change: Partial<NotificationPreferences>) => saveNotifications(msisdn, change),
    onSuccess: (answer) => queryClient.setQueryData(notificationsQuery(msisdn).queryKey, answer),
  });
  return (
    <fieldset className="choice-group" disabled={save.isPending}>
      <legend className="card__title">{t('notifications.title')}</legend>
      <p className="card__lead">{t('notifications.lead')}</p>
      {topics.map((topic) => (
        <label className="choice" key={topic}>
          <input
            type="checkbox"
            checked={saved[topic]}
            onChange={(event) => save.mutate({ [topic]: event.target.checked })}
          />
          <span className="choice__label">{t('notifications.topic', { topic })}</span>
        </label>
      ))}
      {save.isError ? <Notice tone="error">{t('notifications.failed')}</Notice> : null}
    </fieldset>
  );
}

/** Settings → Notifications, for the line being looked at (only when signed in). */
export function NotificationsCard() {
  const line = useSignedInLine();
  const query = useQuery({ ...notificationsQuery(line?.msisdn ?? ''), enabled: line !== null });
  if (!line) return null;
  return (
    <section className="card settings-card">
      {query.data ? (
        <Toggles msisdn={line.msisdn} saved={query.data} />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />
      ) : (
        <Loading>
          <SkeletonList rows={5} />
        </Loading>
      )}
    </section>
  );
}
