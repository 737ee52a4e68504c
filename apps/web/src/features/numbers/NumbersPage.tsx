import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { to } from '../../app/routes';
import { authApi, type SessionLine, type SessionView } from '../../auth/api';
import { problemMessage } from '../../auth/problems';
import { RequireSignedIn } from '../../auth/RequireSignedIn';
import { acceptSignedIn, chooseLine, updateSession, useCurrentLine } from '../../auth/session';
import { displayTypedNumber, formatMsisdn } from '../../lib/phone';
import { Notice } from '../../ui/form';
import { Icon } from '../../ui/Icon';
import { Page } from '../../ui/Page';
import { CodeForm, NumberForm, type SentCode } from '../sign-in/parts';

type Feedback = { tone: 'error' | 'success'; text: string } | null;

function LineRow({
  line,
  current,
  onRemoved,
}: {
  line: SessionLine;
  current: boolean;
  onRemoved: (msisdn: string) => void;
}) {
  const { t } = useTranslation();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const number = formatMsisdn(line.msisdn);
  return (
    <li className="list-row line-row">
      <span className="list-row__icon">
        <Icon name="lines" size={22} />
      </span>
      <span className="list-row__main">
        <span className="list-row__title">
          {number} {current ? <span className="badge">{t('numbers.current')}</span> : null}
        </span>
        <span className="list-row__text">
          {line.customerName ? `${line.customerName} · ` : ''}
          {t('numbers.relation', { relation: line.relation })}
        </span>
        {error ? (
          <span className="field__error" role="alert">
            {error}
          </span>
        ) : null}
      </span>
      <span className="line-row__actions">
        {current ? null : (
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => chooseLine(line.msisdn)}
          >
            {t('numbers.use')}
            <span className="sr-only"> {number}</span>
          </button>
        )}
        {line.relation === 'added' ? (
          <button
            type="button"
            className="button button--ghost button--small"
            disabled={pending}
            onClick={async () => {
              setPending(true);
              setError(null);
              try {
                await authApi.removeNumber(line.msisdn);
                onRemoved(line.msisdn);
              } catch (failure) {
                setError(problemMessage(t, failure));
                setPending(false);
              }
            }}
          >
            {t('numbers.remove')}
            <span className="sr-only"> {number}</span>
          </button>
        ) : null}
      </span>
    </li>
  );
}

/** Add a number: it is proven by a code sent to that number, then it joins the lines of this sign-in. */
function AddNumber({ onAdded }: { onAdded: (msisdn: string) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [sent, setSent] = useState<SentCode | null>(null);
  const [expired, setExpired] = useState(false);
  if (!open) {
    return (
      <button type="button" className="button button--primary" onClick={() => setOpen(true)}>
        {t('numbers.add.open')}
      </button>
    );
  }
  return (
    <section className="card settings-card" aria-labelledby="add-number-title">
      <h2 className="card__title" id="add-number-title">
        {t('numbers.add.title')}
      </h2>
      <p className="card__lead">{t('numbers.add.lead')}</p>
      {sent ? (
        <CodeForm
          sent={sent}
          submitLabel={t('numbers.add.verify')}
          onResent={setSent}
          onExpired={() => {
            setSent(null);
            setExpired(true);
          }}
          onChangeNumber={() => setSent(null)}
          verify={async (challengeId, code) => {
            acceptSignedIn(await authApi.verifyNumber(challengeId, code));
            onAdded(sent.msisdn);
            setSent(null);
            setOpen(false);
          }}
        />
      ) : (
        <>
          {expired ? <Notice tone="error">{t('auth.errors.codeExpired')}</Notice> : null}
          <NumberForm
            purpose="sign_in"
            submitLabel={t('numbers.add.send')}
            send={(msisdn) => authApi.addNumber(msisdn)}
            onSent={(code) => {
              setExpired(false);
              setSent(code);
            }}
          />
          <button type="button" className="button button--ghost" onClick={() => setOpen(false)}>
            {t('security.cancel')}
          </button>
        </>
      )}
    </section>
  );
}

function Numbers({ session }: { session: SessionView }) {
  const { t } = useTranslation();
  const current = useCurrentLine(session);
  const [feedback, setFeedback] = useState<Feedback>(null);
  return (
    <div className="settings-stack">
      <section className="card list-card" aria-label={t('numbers.listLabel')}>
        <ul>
          {session.lines.map((line) => (
            <LineRow
              key={line.msisdn}
              line={line}
              current={line.msisdn === current}
              onRemoved={(msisdn) => {
                updateSession((s) => ({ ...s, lines: s.lines.filter((l) => l.msisdn !== msisdn) }));
                setFeedback({
                  tone: 'success',
                  text: t('numbers.removed', { number: formatMsisdn(msisdn) }),
                });
              }}
            />
          ))}
        </ul>
      </section>
      {feedback ? <Notice tone={feedback.tone}>{feedback.text}</Notice> : null}
      <AddNumber
        onAdded={(msisdn) =>
          setFeedback({ tone: 'success', text: t('numbers.added', { number: displayTypedNumber(msisdn) }) })
        }
      />
    </div>
  );
}

export default function NumbersPage() {
  const { t } = useTranslation();
  return (
    <Page
      title={t('numbers.title')}
      lead={t('numbers.lead')}
      before={
        <Link to={to.settings()} className="back-link">
          <Icon name="chevronLeft" size={18} />
          {t('settings.title')}
        </Link>
      }
    >
      <RequireSignedIn>{(session) => <Numbers session={session} />}</RequireSignedIn>
    </Page>
  );
}
