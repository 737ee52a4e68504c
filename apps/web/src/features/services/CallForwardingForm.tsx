import type { CallForwarding, CallForwardingRequest } from '@kabinet/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/http';
import { callForwardingQuery, saveCallForwarding } from '../../api/lines';
import { Notice } from '../../ui/form';
import { ErrorState, Loading, SkeletonList } from '../../ui/states';

const conditions = ['unconditional', 'busy', 'no_answer', 'unreachable'] as const;
type Condition = (typeof conditions)[number];
const ringing = [5, 10, 15, 20, 25, 30];

interface Draft {
  on: boolean;
  number: string;
  seconds: number;
}

function draftOf(saved: CallForwarding): Record<Condition, Draft> {
  const out = {} as Record<Condition, Draft>;
  for (const c of conditions) {
    const rule = saved[c];
    out[c] = { on: rule !== null, number: rule?.number ?? '', seconds: rule?.noAnswerSeconds ?? 20 };
  }
  return out;
}

function Form({ msisdn, saved }: { msisdn: string; saved: CallForwarding }) {
  const { t } = useTranslation();
  const id = useId();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(() => draftOf(saved));
  const save = useMutation({
    mutationFn: (body: CallForwardingRequest) => saveCallForwarding(msisdn, body),
    onSuccess: (answer) => {
      queryClient.setQueryData(callForwardingQuery(msisdn).queryKey, answer);
      setDraft(draftOf(answer));
    },
  });
  const fieldErrors = new Set(
    save.error instanceof ApiError ? (save.error.problem.errors ?? []).map((e) => e.field) : [],
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body: CallForwardingRequest = {};
    for (const c of conditions) {
      const d = draft[c];
      body[c] = d.on
        ? c === 'no_answer'
          ? { number: d.number, noAnswerSeconds: d.seconds }
          : { number: d.number }
        : null;
    }
    save.mutate(body);
  };
  const change = (c: Condition, next: Partial<Draft>) =>
    setDraft((d) => ({ ...d, [c]: { ...d[c], ...next } }));
  return (
    <form className="card forwarding" onSubmit={submit} noValidate>
      {conditions.map((c) => {
        const d = draft[c];
        const numberError = fieldErrors.has(`body.${c}.number`);
        return (
          <fieldset className="forwarding__row" key={c}>
            <legend className="sr-only">{t('forwarding.condition', { condition: c })}</legend>
            <label className="forwarding__toggle">
              <input type="checkbox" checked={d.on} onChange={(e) => change(c, { on: e.target.checked })} />
              <span>
                <span className="forwarding__name">{t('forwarding.condition', { condition: c })}</span>
                <span className="forwarding__hint">{t('forwarding.hint', { condition: c })}</span>
              </span>
            </label>
            {d.on ? (
              <div className="forwarding__fields">
                <div className="field">
                  <label className="field__label" htmlFor={`${id}-${c}-number`}>
                    {t('forwarding.number')}
                  </label>
                  <input
                    id={`${id}-${c}-number`}
                    className="field__input"
                    type="tel"
                    inputMode="tel"
                    autoComplete="off"
                    required
                    value={d.number}
                    aria-invalid={numberError || undefined}
                    aria-describedby={numberError ? `${id}-${c}-error` : undefined}
                    onChange={(e) => change(c, { number: e.target.value })}
                  />
                  {numberError ? (
                    <p className="field__error" id={`${id}-${c}-error`}>
                      {t('forwarding.badNumber')}
                    </p>
                  ) : null}
                </div>
                {c === 'no_answer' ? (
                  <div className="field">
                    <label className="field__label" htmlFor={`${id}-seconds`}>
                      {t('forwarding.after')}
                    </label>
                    <select
                      id={`${id}-seconds`}
                      className="field__input"
                      value={d.seconds}
                      onChange={(e) => change(c, { seconds: Number(e.target.value) })}
                    >
                      {ringing.map((s) => (
                        <option key={s} value={s}>
                          {t('units.seconds', { count: s })}
                        </option>
                      ))}
                    </select>
                  </div>
                ) : null}
              </div>
            ) : null}
          </fieldset>
        );
      })}
      {save.isError && fieldErrors.size === 0 ? <Notice tone="error">{t('forwarding.failed')}</Notice> : null}
      {save.isError && fieldErrors.size > 0 ? <Notice tone="error">{t('forwarding.invalid')}</Notice> : null}
      {save.isSuccess ? <Notice tone="success">{t('forwarding.saved')}</Notice> : null}
      <button type="submit" className="button button--primary" disabled={save.isPending}>
        {save.isPending ? t('forwarding.saving') : t('forwarding.save')}
      </button>
    </form>
  );
}

/** Call forwarding of the line: four conditions, each on with a number or off, saved together. */
export function CallForwardingSection({ msisdn }: { msisdn: string }) {
  const { t } = useTranslation();
  const query = useQuery(callForwardingQuery(msisdn));
  return (
    <section className="section" aria-labelledby="forwarding-title">
      <h2 className="section__title" id="forwarding-title">
        {t('forwarding.title')}
      </h2>
      <p className="section__lead">{t('forwarding.lead')}</p>
      {query.data ? (
        <Form msisdn={msisdn} saved={query.data} />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />
      ) : (
        <Loading>
          <SkeletonList rows={4} />
        </Loading>
      )}
    </section>
  );
}
