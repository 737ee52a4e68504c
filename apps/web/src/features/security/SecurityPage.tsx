import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api/http';
import { to } from '../../app/routes';
import {
  activityKinds,
  activityQuery,
  authApi,
  type Device,
  devicesQuery,
  identitiesQuery,
  type SessionView,
} from '../../auth/api';
import { problemMessage } from '../../auth/problems';
import { RequireSignedIn } from '../../auth/RequireSignedIn';
import { endSession, signOut, updateSession } from '../../auth/session';
import { currentLanguage } from '../../i18n';
import { formatDateTime } from '../../lib/dates';
import { Field, Notice } from '../../ui/form';
import { Icon } from '../../ui/Icon';
import { Page } from '../../ui/Page';
import { EmptyState, ErrorState, SkeletonList } from '../../ui/states';
import { PinForm } from '../sign-in/parts';

type Feedback = { tone: 'error' | 'success'; text: string } | null;

/** After a change: the devices (PIN per device) and the activity list have news. */
function useRefreshSecurity() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: devicesQuery.queryKey });
    void queryClient.invalidateQueries({ queryKey: activityQuery.queryKey });
  };
}

function SettingsCard({ title, lead, children }: { title: string; lead?: ReactNode; children: ReactNode }) {
  const id = `security-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <section className="card settings-card" aria-labelledby={id}>
      <h2 className="card__title" id={id}>
        {title}
      </h2>
      {lead ? <p className="card__lead">{lead}</p> : null}
      {children}
    </section>
  );
}

function PinSettings({ session }: { session: SessionView }) {
  const { t } = useTranslation();
  const refresh = useRefreshSecurity();
  const [editing, setEditing] = useState(false);
  const [pending, setPending] = useState(false);
  const [feedback, setFeedback] = useState<Feedback>(null);

  async function remove() {
    setPending(true);
    setFeedback(null);
    try {
      await authApi.removePin();
      updateSession((s) => ({ ...s, pinSet: false }));
      refresh();
      setFeedback({ tone: 'success', text: t('security.pin.removed') });
    } catch (error) {
      setFeedback({ tone: 'error', text: problemMessage(t, error) });
    } finally {
      setPending(false);
    }
  }

  return (
    <SettingsCard title={t('security.pin.title')} lead={t('security.pin.lead')}>
      <p className="status-line">
        <Icon name={session.pinSet ? 'check' : 'lock'} size={20} className="status-line__icon" />
        {session.pinSet ? t('security.pin.on') : t('security.pin.off')}
      </p>
      {editing ? (
        <PinForm
          submitLabel={t('security.pin.save')}
          onDone={() => {
            setEditing(false);
            refresh();
            setFeedback({ tone: 'success', text: t('security.pin.saved') });
          }}
          extraAction={
            <button type="button" className="button button--ghost" onClick={() => setEditing(false)}>
              {t('security.cancel')}
            </button>
          }
        />
      ) : (
        <div className="form__actions">
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              setFeedback(null);
              setEditing(true);
            }}
          >
            {session.pinSet ? t('security.pin.change') : t('security.pin.set')}
          </button>
          {session.pinSet ? (
            <button type="button" className="button button--ghost" onClick={remove} disabled={pending}>
              {t('security.pin.remove')}
            </button>
          ) : null}
        </div>
      )}
      {feedback ? <Notice tone={feedback.tone}>{feedback.text}</Notice> : null}
    </SettingsCard>
  );
}

function PasswordSettings({ session }: { session: SessionView }) {
  const { t } = useTranslation();
  const refresh = useRefreshSecurity();
  const [editing, setEditing] = useState(false);
  const [password, setPassword] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [feedback, setFeedback] = useState<Feedback>(null);

  async function save(event: FormEvent) {
    event.preventDefault();
    setFieldError(null);
    setFeedback(null);
    if (!password) {
      setFieldError(t('auth.errors.passwordRequired'));
      return;
    }
    setPending(true);
    try {
      await authApi.setPassword(password);
      updateSession((s) => ({ ...s, passwordSet: true }));
      refresh();
      setPassword('');
      setEditing(false);
      setFeedback({ tone: 'success', text: t('security.password.saved') });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'weak_password')
        setFieldError(problemMessage(t, error));
      else setFeedback({ tone: 'error', text: problemMessage(t, error) });
    } finally {
      setPending(false);
    }
  }

  async function remove() {
    setPending(true);
    setFeedback(null);
    try {
      await authApi.removePassword();
      updateSession((s) => ({ ...s, passwordSet: false }));
      refresh();
      setFeedback({ tone: 'success', text: t('security.password.removed') });
    } catch (error) {
      setFeedback({ tone: 'error', text: problemMessage(t, error) });
    } finally {
      setPending(false);
    }
  }

  return (
    <SettingsCard title={t('security.password.title')} lead={t('security.password.lead')}>
      <p className="status-line">
        <Icon name={session.passwordSet ? 'check' : 'lock'} size={20} className="status-line__icon" />
        {session.passwordSet ? t('security.password.on') : t('security.password.off')}
      </p>
      {editing ? (
        <form className="form" onSubmit={save} noValidate>
          {/* The number as the username, so a password manager files the new password under it. */}
          <input type="hidden" name="username" autoComplete="username" value={session.msisdn} />
          <Field
            label={t('auth.password.new')}
            hint={t('auth.password.rule')}
            error={fieldError}
            type="password"
            name="new-password"
            autoComplete="new-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            required
          />
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={pending}>
              {pending ? t('auth.saving') : t('security.password.save')}
            </button>
            <button type="button" className="button button--ghost" onClick={() => setEditing(false)}>
              {t('security.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div className="form__actions">
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              setFeedback(null);
              setEditing(true);
            }}
          >
            {session.passwordSet ? t('security.password.change') : t('security.password.set')}
          </button>
          {session.passwordSet ? (
            <button type="button" className="button button--ghost" onClick={remove} disabled={pending}>
              {t('security.password.remove')}
            </button>
          ) : null}
        </div>
      )}
      {feedback ? <Notice tone={feedback.tone}>{feedback.text}</Notice> : null}
    </SettingsCard>
  );
}

function DeviceRow({ device, onSignedOut }: { device: Device; onSignedOut: (device: Device) => void }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <li className="list-row device-row">
      <span className="list-row__main">
        <span className="list-row__title">
          {device.label ?? t('security.devices.unnamed')}{' '}
          {device.current ? <span className="badge">{t('security.devices.this')}</span> : null}
        </span>
        <span className="list-row__text">
          {t('security.devices.lastUsed', { date: formatDateTime(device.lastUsedAt, language) })}
        </span>
        <span className="list-row__text">
          {t('security.devices.since', { date: formatDateTime(device.createdAt, language) })}
          {device.pinSet ? ` · ${t('security.devices.withPin')}` : ''}
        </span>
        {error ? (
          <span className="field__error" role="alert">
            {error}
          </span>
        ) : null}
      </span>
      <button
        type="button"
        className="button button--ghost button--small"
        disabled={pending}
        onClick={async () => {
          setPending(true);
          setError(null);
          try {
            if (device.current) await signOut();
            else await authApi.signOutDevice(device.id);
            onSignedOut(device);
          } catch (failure) {
            setError(problemMessage(t, failure));
          } finally {
            setPending(false);
          }
        }}
      >
        {t('security.devices.signOut')}
        <span className="sr-only">: {device.label ?? t('security.devices.unnamed')}</span>
      </button>
    </li>
  );
}

function Devices() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const refresh = useRefreshSecurity();
  const devices = useQuery(devicesQuery);
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [feedback, setFeedback] = useState<Feedback>(null);

  async function signOutEverywhere() {
    setPending(true);
    try {
      await authApi.signOutEverywhere();
      endSession('choice');
      navigate(to.home(), { replace: true });
    } catch (error) {
      setFeedback({ tone: 'error', text: problemMessage(t, error) });
      setPending(false);
    }
  }

  return (
    <SettingsCard title={t('security.devices.title')} lead={t('security.devices.lead')}>
      {devices.data ? (
        devices.data.devices.length === 0 ? (
          <EmptyState>{t('security.devices.empty')}</EmptyState>
        ) : (
          <ul className="list-card list-card--flat">
            {devices.data.devices.map((device) => (
              <DeviceRow
                key={device.id}
                device={device}
                onSignedOut={(gone) => {
                  if (gone.current) {
                    navigate(to.home(), { replace: true });
                    return;
                  }
                  setFeedback({ tone: 'success', text: t('security.devices.signedOut') });
                  refresh();
                }}
              />
            ))}
          </ul>
        )
      ) : devices.isError ? (
        <ErrorState
          error={devices.error}
          onRetry={() => void devices.refetch()}
          retrying={devices.isFetching}
        />
      ) : (
        <SkeletonList rows={2} />
      )}
      {feedback ? <Notice tone={feedback.tone}>{feedback.text}</Notice> : null}
      {confirming ? (
        <fieldset className="confirm">
          <legend>{t('security.devices.confirmAll')}</legend>
          <div className="form__actions">
            <button
              type="button"
              className="button button--danger"
              onClick={signOutEverywhere}
              disabled={pending}
            >
              {t('security.devices.signOutAllConfirm')}
            </button>
            <button type="button" className="button button--ghost" onClick={() => setConfirming(false)}>
              {t('security.cancel')}
            </button>
          </div>
        </fieldset>
      ) : (
        <button type="button" className="button button--secondary" onClick={() => setConfirming(true)}>
          {t('security.devices.signOutAll')}
        </button>
      )}
    </SettingsCard>
  );
}

const knownKinds = new Set<string>(activityKinds);

function Activity() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const activity = useQuery(activityQuery);
  return (
    <SettingsCard title={t('security.activity.title')} lead={t('security.activity.lead')}>
      {activity.data ? (
        activity.data.events.length === 0 ? (
          <EmptyState>{t('security.activity.empty')}</EmptyState>
        ) : (
          <ol className="list-card list-card--flat">
            {activity.data.events.map((event) => (
              <li key={event.id} className="list-row">
                <span className="list-row__main">
                  <span className="list-row__title">
                    {t('security.activity.kind', { kind: knownKinds.has(event.kind) ? event.kind : 'other' })}
                  </span>
                  <span className="list-row__text">
                    <time dateTime={event.at}>{formatDateTime(event.at, language)}</time>
                    {event.device ? ` · ${event.device}` : ''}
                  </span>
                </span>
              </li>
            ))}
          </ol>
        )
      ) : activity.isError ? (
        <ErrorState
          error={activity.error}
          onRetry={() => void activity.refetch()}
          retrying={activity.isFetching}
        />
      ) : (
        <SkeletonList rows={3} />
      )}
    </SettingsCard>
  );
}

/** The operator's identity provider, when one is configured; nothing at all otherwise. */
function LinkedIdentity({ returned }: { returned: 'linked' | 'failed' | null }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const queryClient = useQueryClient();
  const refresh = useRefreshSecurity();
  const identities = useQuery(identitiesQuery);
  const [pending, setPending] = useState(false);
  const [feedback, setFeedback] = useState<Feedback>(
    returned === 'linked'
      ? { tone: 'success', text: t('security.identity.linked') }
      : returned === 'failed'
        ? { tone: 'error', text: t('security.identity.failed') }
        : null,
  );
  const provider = identities.data?.providerName;
  if (!provider) return null;
  const linked = identities.data?.identities ?? [];
  return (
    <SettingsCard title={t('security.identity.title')} lead={t('security.identity.lead', { provider })}>
      {linked.length > 0 ? (
        <ul className="list-card list-card--flat">
          {linked.map((identity) => (
            <li key={identity.id} className="list-row">
              <span className="list-row__main">
                <span className="list-row__title">{identity.provider}</span>
                <span className="list-row__text">
                  {t('security.identity.since', { date: formatDateTime(identity.linkedAt, language) })}
                </span>
              </span>
              <button
                type="button"
                className="button button--ghost button--small"
                disabled={pending}
                onClick={async () => {
                  setPending(true);
                  setFeedback(null);
                  try {
                    await authApi.unlinkIdentity(identity.id);
                    setFeedback({ tone: 'success', text: t('security.identity.unlinked') });
                    void queryClient.invalidateQueries({ queryKey: identitiesQuery.queryKey });
                    refresh();
                  } catch (error) {
                    setFeedback({ tone: 'error', text: problemMessage(t, error) });
                  } finally {
                    setPending(false);
                  }
                }}
              >
                {t('security.identity.unlink')}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <button
          type="button"
          className="button button--secondary"
          disabled={pending}
          onClick={async () => {
            setPending(true);
            setFeedback(null);
            try {
              const { url } = await authApi.startIdentityLink();
              window.location.assign(url);
            } catch (error) {
              setFeedback({ tone: 'error', text: problemMessage(t, error) });
              setPending(false);
            }
          }}
        >
          {t('security.identity.link', { provider })}
        </button>
      )}
      {feedback ? <Notice tone={feedback.tone}>{feedback.text}</Notice> : null}
    </SettingsCard>
  );
}

export default function SecurityPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  return (
    <Page
      title={t('security.title')}
      lead={t('security.lead')}
      before={
        <Link to={to.settings()} className="back-link">
          <Icon name="chevronLeft" size={18} />
          {t('settings.title')}
        </Link>
      }
    >
      <RequireSignedIn>
        {(session) => (
          <div className="settings-stack">
            <PinSettings session={session} />
            <PasswordSettings session={session} />
            <LinkedIdentity
              returned={
                params.get('linked') === '1' ? 'linked' : params.get('error') === 'oidc' ? 'failed' : null
              }
            />
            <Devices />
            <Activity />
          </div>
        )}
      </RequireSignedIn>
    </Page>
  );
}
