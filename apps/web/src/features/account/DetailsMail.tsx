import type { DetailsFormat, DetailsMailOrder } from '@kabinet/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/http';
import { type DetailsFilter, detailsMailQuery, orderDetailsMail } from '../../api/lines';
import { waitText } from '../../auth/problems';
import { currentLanguage } from '../../i18n';
import { formatLocalDay } from '../../lib/dates';
import { Field, Notice } from '../../ui/form';

/** One mailbox, no spaces or commas: the server checks it properly; this catches typos before a round trip. */
const looksLikeEmail = (value: string) => /^[^\s@,;<>]+@[^\s@,;<>]+\.[^\s@,;<>]+$/.test(value);

type Failure = { field: 'email' | 'formats' | null; message: string };

function failureOf(t: TFunction, error: unknown, perHour: number | undefined): Failure {
  if (!(error instanceof ApiError) || error.kind !== 'http') {
    return { field: null, message: t('details.mail.failed') };
  }
  const fields = error.problem.errors?.map((e) => e.field) ?? [];
  if (error.code === 'too_many_requests') {
    return {
      field: null,
      message: t('details.mail.tooMany', {
        count: perHour ?? 1,
        wait: waitText(t, error.problem.retryAfterSeconds ?? 3600),
      }),
    };
  }
  if (error.code === 'validation_failed' && fields.includes('body.email')) {
    return { field: 'email', message: t('details.mail.badEmail') };
  }
  if (error.code === 'validation_failed' && fields.some((f) => f === 'body.from' || f === 'body.to')) {
    return { field: null, message: t('details.badPeriod') };
  }
  return { field: null, message: t('details.mail.failed') };
}

/**
 * The form that orders the shown period's details to an e-mail address: prefilled with the address on
 * file (or saying there is none), CSV and/or PDF. The client key is made anew whenever the order
 * changes, so a double tap or a retry of the same order sends one mail.
 */
function DetailsMailForm({
  msisdn,
  filter,
  onSent,
  onCancel,
}: {
  msisdn: string;
  filter: DetailsFilter;
  onSent: (order: DetailsMailOrder) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const language = currentLanguage();
  const queryClient = useQueryClient();
  const info = useQuery(detailsMailQuery(msisdn));
  const [typed, setTyped] = useState('');
  // The address on file is shown masked and never sent from here: choosing it sends no address at all.
  const [toOther, setToOther] = useState(false);
  const [formats, setFormats] = useState<Record<DetailsFormat, boolean>>({ csv: true, pdf: true });
  const [clientKey, setClientKey] = useState(() => crypto.randomUUID());
  const [invalid, setInvalid] = useState<Failure | null>(null);
  const onFile = info.data?.emailOnFile ?? null;
  const useOnFile = onFile !== null && !toOther;
  const chosen = (['csv', 'pdf'] as const).filter((f) => formats[f]);

  const send = useMutation({
    mutationFn: () =>
      orderDetailsMail(msisdn, {
        clientKey,
        ...(useOnFile ? {} : { email: typed.trim() }),
        filter,
        formats: chosen,
        lang: language,
      }),
    onSuccess: (order) => {
      void queryClient.invalidateQueries({ queryKey: detailsMailQuery(msisdn).queryKey });
      onSent(order);
    },
  });
  const failure = invalid ?? (send.isError ? failureOf(t, send.error, info.data?.perHour) : null);

  const changed = () => {
    setClientKey(crypto.randomUUID());
    setInvalid(null);
    send.reset();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!useOnFile && !looksLikeEmail(typed.trim())) {
      setInvalid({ field: 'email', message: t('details.mail.badEmail') });
      return;
    }
    if (chosen.length === 0) {
      setInvalid({ field: 'formats', message: t('details.mail.noFormat') });
      return;
    }
    send.mutate();
  };

  const what = filter.type ? t('details.typePlural', { type: filter.type }) : t('details.allTypes');
  return (
    <section className="card details-mail" aria-labelledby={`${id}-title`}>
      <h3 className="card__title" id={`${id}-title`}>
        {t('details.mail.title')}
      </h3>
      <p className="muted">
        {t('details.mail.lead', {
          from: filter.from ? formatLocalDay(filter.from, language) : '',
          to: filter.to ? formatLocalDay(filter.to, language) : '',
          what,
        })}
      </p>
      <form className="form" onSubmit={submit} noValidate>
        {onFile !== null ? (
          <fieldset className="choice-group">
            <legend className="field__label">{t('details.mail.to')}</legend>
            <label className="choice">
              <input
                type="radio"
                name={`${id}-to`}
                checked={!toOther}
                onChange={() => {
                  setToOther(false);
                  changed();
                }}
              />
              <span>{t('details.mail.toOnFile', { address: onFile })}</span>
            </label>
            <label className="choice">
              <input
                type="radio"
                name={`${id}-to`}
                checked={toOther}
                onChange={() => {
                  setToOther(true);
                  changed();
                }}
              />
              <span>{t('details.mail.toOther')}</span>
            </label>
          </fieldset>
        ) : null}
        {useOnFile ? null : (
          <Field
            label={t('details.mail.email')}
            hint={info.data && onFile === null ? t('details.mail.noneOnFile') : undefined}
            error={failure?.field === 'email' ? failure.message : undefined}
            type="email"
            inputMode="email"
            autoComplete="email"
            spellCheck={false}
            maxLength={254}
            value={typed}
            disabled={info.isPending}
            onChange={(event) => {
              setTyped(event.target.value);
              changed();
            }}
            required
          />
        )}
        <fieldset
          className="choice-group"
          aria-describedby={failure?.field === 'formats' ? `${id}-formats-error` : undefined}
        >
          <legend className="field__label">{t('details.mail.formats')}</legend>
          {(['csv', 'pdf'] as const).map((format) => (
            <label className="checkbox" key={format}>
              <input
                type="checkbox"
                checked={formats[format]}
                onChange={(event) => {
                  setFormats({ ...formats, [format]: event.target.checked });
                  changed();
                }}
              />
              <span>{t('details.mail.format', { format })}</span>
            </label>
          ))}
          {failure?.field === 'formats' ? (
            <p className="field__error" id={`${id}-formats-error`}>
              {failure.message}
            </p>
          ) : null}
        </fieldset>
        {failure && failure.field === null ? <Notice tone="error">{failure.message}</Notice> : null}
        <div className="form__actions">
          <button
            type="submit"
            className="button button--primary"
            disabled={send.isPending || info.isPending}
          >
            {send.isPending ? t('details.mail.sending') : t('details.mail.send')}
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('details.mail.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** How long after ordering the screen keeps asking whether the mail went out. */
const WATCH_MS = 120_000;

/**
 * What became of an order just placed: "on its way" while it is queued, then "sent" once the relay took
 * it, or an error if it could not be sent (a relay that refused the address), so nobody waits for a
 * mail that will not come. Asks every few seconds for two minutes at most.
 */
function SentNotice({ msisdn, order }: { msisdn: string; order: DetailsMailOrder }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const [since] = useState(() => Date.now());
  const latest = useQuery({
    ...detailsMailQuery(msisdn),
    refetchInterval: (query) => {
      const status = query.state.data?.orders.find((o) => o.id === order.id)?.status ?? order.status;
      const pending = status === 'queued' || status === 'sending';
      return pending && Date.now() - since < WATCH_MS ? 3000 : false;
    },
  });
  const status = latest.data?.orders.find((o) => o.id === order.id)?.status ?? order.status;
  const values = {
    recipient: order.recipient,
    from: formatLocalDay(order.period.from, language),
    to: formatLocalDay(order.period.to, language),
  };
  if (status === 'failed') return <Notice tone="error">{t('details.mail.undeliverable', values)}</Notice>;
  return (
    <Notice tone="success">
      {status === 'sent' ? t('details.mail.delivered', values) : t('details.mail.sent', values)}
    </Notice>
  );
}

/** "Send to e-mail" beside the downloads: opens the form; after an order, says where the mail goes. */
export function DetailsMail({ msisdn, filter }: { msisdn: string; filter: DetailsFilter }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [sent, setSent] = useState<DetailsMailOrder | null>(null);
  const slot = useRef<HTMLDivElement>(null);
  // The form closes on success, which would leave a phone scrolled to whatever followed it: bring
  // the confirmation into view instead.
  useEffect(() => {
    if (sent) slot.current?.scrollIntoView({ block: 'center' });
  }, [sent]);
  return (
    <>
      {open ? null : (
        <button
          type="button"
          className="button button--secondary"
          aria-expanded={false}
          onClick={() => {
            setSent(null);
            setOpen(true);
          }}
        >
          {t('details.mail.open')}
        </button>
      )}
      <div ref={slot} className="details-mail__slot live-region" aria-live="polite">
        {sent ? <SentNotice msisdn={msisdn} order={sent} /> : null}
      </div>
      {open ? (
        <DetailsMailForm
          msisdn={msisdn}
          filter={filter}
          onSent={(order) => {
            setSent(order);
            setOpen(false);
          }}
          onCancel={() => setOpen(false)}
        />
      ) : null}
    </>
  );
}
