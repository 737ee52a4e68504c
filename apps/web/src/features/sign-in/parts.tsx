import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigationType } from 'react-router';
import { ApiError } from '../../api/http';
import { authApi, type Challenge, type CodePurpose } from '../../auth/api';
import { problemMessage, waitText } from '../../auth/problems';
import { updateSession } from '../../auth/session';
import { useCountdown } from '../../auth/useCountdown';
import { currentLanguage } from '../../i18n';
import { digitsOnly, displayTypedNumber, formatCountdown, isPinShape } from '../../lib/phone';
import { Field, Notice } from '../../ui/form';
import { useDocumentTitle } from '../../ui/Page';

/** A sent code: which challenge, and from when a new one may be asked for. */
export interface SentCode {
  msisdn: string;
  challengeId: string;
  resendAt: number;
}

export function sentCode(msisdn: string, challenge: Challenge): SentCode {
  return {
    msisdn,
    challengeId: challenge.challengeId,
    resendAt: Date.now() + challenge.resendInSeconds * 1000,
  };
}

/**
 * The frame of a sign-in screen: a narrow card with the title, centred on wide screens. Focus moves to
 * the title after an in-app navigation and whenever `step` changes, so a screen reader starts there.
 */
export function AuthCard({
  title,
  lead,
  step,
  children,
}: {
  title: string;
  lead?: ReactNode;
  step?: string;
  children: ReactNode;
}) {
  useDocumentTitle(title);
  const heading = useRef<HTMLHeadingElement>(null);
  const navigationType = useNavigationType();
  const { key } = useLocation();
  const firstStep = useRef(step);
  useEffect(() => {
    if (navigationType !== 'POP' && key) heading.current?.focus({ preventScroll: true });
  }, [navigationType, key]);
  useEffect(() => {
    if (step !== firstStep.current) {
      firstStep.current = undefined;
      heading.current?.focus();
    }
  }, [step]);
  return (
    <div className="auth">
      <section className="card auth__card" aria-labelledby="auth-title">
        <h1 id="auth-title" className="auth__title" ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {lead ? <p className="auth__lead">{lead}</p> : null}
        {children}
      </section>
    </div>
  );
}

/** Step 1: the number, in any of the forms people type it (8 900…, 900…, +7 900…). */
export function NumberForm({
  purpose,
  submitLabel,
  initial = '',
  onSent,
  send = (msisdn) => authApi.requestCode(msisdn, purpose),
}: {
  purpose: CodePurpose;
  submitLabel: string;
  initial?: string;
  onSent: (code: SentCode) => void;
  /** How the code is asked for (default: a sign-in or reset code). */
  send?: (msisdn: string) => Promise<Challenge>;
}) {
  const { t } = useTranslation();
  const [msisdn, setMsisdn] = useState(initial);
  const [pending, setPending] = useState(false);
  const [fieldError, setFieldError] = useState<ReactNode>(null);
  const [formError, setFormError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFieldError(null);
    setFormError(null);
    if (!msisdn.trim()) {
      setFieldError(t('auth.number.required'));
      return;
    }
    setPending(true);
    try {
      const challenge = await send(msisdn.trim());
      onSent(sentCode(msisdn.trim(), challenge));
    } catch (error) {
      if (error instanceof ApiError && error.code === 'invalid_msisdn') {
        // The server's detail says what is wrong with the number, but only in English so far.
        setFieldError(
          currentLanguage() === 'en' && error.problem.detail
            ? error.problem.detail
            : t('auth.errors.invalidMsisdn'),
        );
      } else {
        setFormError(problemMessage(t, error));
      }
    } finally {
      setPending(false);
    }
  }

  return (
    <form className="form" onSubmit={submit} noValidate>
      <Field
        label={t('auth.number.label')}
        hint={t('auth.number.hint')}
        error={fieldError}
        type="tel"
        name="msisdn"
        autoComplete="tel"
        inputMode="tel"
        value={msisdn}
        onChange={(event) => setMsisdn(event.target.value)}
        required
      />
      {formError ? <Notice tone="error">{formError}</Notice> : null}
      <button type="submit" className="button button--primary button--wide" disabled={pending}>
        {pending ? t('auth.sending') : submitLabel}
      </button>
    </form>
  );
}

/** The 6-digit code field: one-time-code autofill, a numeric keypad, pasted spaces and dashes dropped. */
export function CodeField({
  value,
  onChange,
  error,
  onComplete,
}: {
  value: string;
  onChange: (code: string) => void;
  error?: ReactNode;
  /** Called when the sixth digit arrives (typed, pasted or autofilled). */
  onComplete?: (code: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Field
      label={t('auth.code.label')}
      error={error}
      className="field__input field__input--code"
      type="text"
      name="code"
      autoComplete="one-time-code"
      inputMode="numeric"
      pattern="[0-9]*"
      maxLength={6}
      value={value}
      onChange={(event) => {
        const code = digitsOnly(event.target.value, 6);
        onChange(code);
        if (code.length === 6 && value.length !== 6) onComplete?.(code);
      }}
      required
    />
  );
}

/** "Send a new code in 0:42", then a button; a new challenge replaces the old one. */
export function ResendCode({
  sent,
  onResent,
  onExpired,
  attempts = 0,
}: {
  sent: SentCode;
  onResent: (code: SentCode) => void;
  onExpired: () => void;
  /** How many times a code was tried: a new try makes the last resend message old news. */
  attempts?: number;
}) {
  const { t } = useTranslation();
  const left = useCountdown(sent.resendAt);
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: clears on every new try, by design
  useEffect(() => setMessage(null), [attempts]);

  async function resend() {
    setPending(true);
    setMessage(null);
    try {
      const challenge = await authApi.resendCode(sent.challengeId);
      onResent(sentCode(sent.msisdn, challenge));
      setMessage({ tone: 'success', text: t('auth.code.resent') });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'resend_too_soon') {
        const retry = error.problem.retryAfterSeconds ?? 30;
        onResent({ ...sent, resendAt: Date.now() + retry * 1000 });
        setMessage({ tone: 'error', text: t('auth.errors.resendTooSoon', { wait: waitText(t, retry) }) });
      } else if (error instanceof ApiError && error.code === 'code_expired') {
        onExpired();
      } else {
        setMessage({ tone: 'error', text: problemMessage(t, error) });
      }
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="resend">
      {left > 0 ? (
        <p className="resend__wait">
          {t('auth.code.resendIn')}{' '}
          <span className="resend__timer" aria-hidden="true">
            {formatCountdown(left)}
          </span>
          <span className="sr-only">{waitText(t, left)}</span>
        </p>
      ) : (
        <button type="button" className="button button--secondary" onClick={resend} disabled={pending}>
          {pending ? t('auth.sending') : t('auth.code.resend')}
        </button>
      )}
      {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
    </div>
  );
}

/**
 * Step 2: the code sent to `sent.msisdn`. `verify` does what the code is for (sign in, add a number);
 * wrong_code shows the tries left, code_expired sends the person back to ask for a new code.
 */
export function CodeForm({
  sent,
  onResent,
  onExpired,
  onChangeNumber,
  verify,
  submitLabel,
}: {
  sent: SentCode;
  onResent: (code: SentCode) => void;
  onExpired: () => void;
  onChangeNumber: () => void;
  verify: (challengeId: string, code: string) => Promise<void>;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [pending, setPending] = useState(false);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [attempts, setAttempts] = useState(0);

  async function check(value: string) {
    if (pending) return;
    setAttempts((n) => n + 1);
    setFieldError(null);
    setFormError(null);
    if (value.length !== 6) {
      setFieldError(t('auth.errors.codeShape'));
      return;
    }
    setPending(true);
    try {
      await verify(sent.challengeId, value);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'code_expired') {
        onExpired();
        return;
      }
      if (error instanceof ApiError && error.code === 'wrong_code') {
        setFieldError(problemMessage(t, error));
        setCode('');
      } else {
        setFormError(problemMessage(t, error));
      }
    } finally {
      setPending(false);
    }
  }

  return (
    <form
      className="form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void check(code);
      }}
    >
      <p className="auth__sent-to">
        {t('auth.code.sentTo', { number: displayTypedNumber(sent.msisdn) })}{' '}
        <button type="button" className="link-button" onClick={onChangeNumber}>
          {t('auth.code.changeNumber')}
        </button>
      </p>
      <CodeField
        value={code}
        onChange={setCode}
        error={fieldError}
        onComplete={(value) => void check(value)}
      />
      {formError ? <Notice tone="error">{formError}</Notice> : null}
      <button type="submit" className="button button--primary button--wide" disabled={pending}>
        {pending ? t('auth.checking') : submitLabel}
      </button>
      <ResendCode sent={sent} onResent={onResent} onExpired={onExpired} attempts={attempts} />
    </form>
  );
}

/**
 * Choose a PIN (4-6 digits, typed twice). Used after sign-in (with "Skip") and in Security settings.
 * The PIN fields are password fields with a numeric keypad, so the PIN is not shown on screen.
 */
export function PinForm({
  onDone,
  submitLabel,
  extraAction,
}: {
  onDone: () => void;
  submitLabel: string;
  extraAction?: ReactNode;
}) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const [repeat, setRepeat] = useState('');
  const [pinError, setPinError] = useState<string | null>(null);
  const [repeatError, setRepeatError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setPinError(null);
    setRepeatError(null);
    setFormError(null);
    if (!isPinShape(pin)) {
      setPinError(t('auth.errors.pinShape'));
      return;
    }
    if (pin !== repeat) {
      setRepeatError(t('auth.errors.pinMismatch'));
      return;
    }
    setPending(true);
    try {
      await authApi.setPin(pin);
      updateSession((session) => ({ ...session, pinSet: true }));
      onDone();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'weak_pin') setPinError(problemMessage(t, error));
      else setFormError(problemMessage(t, error));
    } finally {
      setPending(false);
    }
  }

  return (
    <form className="form" onSubmit={submit} noValidate>
      <Field
        label={t('auth.pin.new')}
        hint={t('auth.pin.rule')}
        error={pinError}
        type="password"
        name="pin"
        inputMode="numeric"
        pattern="[0-9]*"
        autoComplete="off"
        maxLength={6}
        value={pin}
        onChange={(event) => setPin(digitsOnly(event.target.value, 6))}
        required
      />
      <Field
        label={t('auth.pin.repeat')}
        error={repeatError}
        type="password"
        name="pin-repeat"
        inputMode="numeric"
        pattern="[0-9]*"
        autoComplete="off"
        maxLength={6}
        value={repeat}
        onChange={(event) => setRepeat(digitsOnly(event.target.value, 6))}
        required
      />
      {formError ? <Notice tone="error">{formError}</Notice> : null}
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={pending}>
          {pending ? t('auth.saving') : submitLabel}
        </button>
        {extraAction}
      </div>
    </form>
  );
}
