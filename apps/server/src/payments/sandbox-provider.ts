import { randomBytes } from 'node:crypto';
import {
  type CardInputProblem,
  type CardSummary,
  checkCardInput,
  type PaymentFailureReason,
  type PaymentProvider,
  type ProviderPaymentState,
  type StartedPayment,
  type StartPaymentInput,
} from '@kabinet/core';
import {
  createSandboxCharge,
  type DB,
  findSandboxCharge,
  moveSandboxCharge,
  type SandboxCharge,
} from '@kabinet/db';
import type { Kysely } from 'kysely';
import { SIGNATURE_HEADER, signWebhook } from './webhook-signature';

/** How the sandbox treats a card, from the documented test numbers. */
type Behaviour = 'succeed' | 'decline' | 'insufficient' | 'challenge';

/** The documented test cards (docs/API.md); any other Luhn-valid number succeeds. */
export const SANDBOX_TEST_CARDS: Record<string, Behaviour> = {
  '4242424242424242': 'succeed',
  '4000000000000002': 'decline',
  '4000000000009995': 'insufficient',
  '4000000000003220': 'challenge',
};

const PENDING = ['requires_payment_method', 'requires_action'];
const FAILURE: Record<Exclude<Behaviour, 'succeed' | 'challenge'>, PaymentFailureReason> = {
  decline: 'card_declined',
  insufficient: 'insufficient_funds',
};

export interface SandboxLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/** Where the payer's browser goes next, or the form again with what to fix. */
export type SandboxStep =
  | { next: 'redirect'; url: string }
  | { next: 'form'; problems: CardInputProblem[]; charge: SandboxCharge }
  | { next: 'gone' };

/**
 * A payment provider that behaves like a real one but only knows test cards: a hosted payment page
 * (served at /sandbox/pay/:id by this server, plain HTML), a 3-D Secure challenge page, a redirect
 * back to the app, signed webhooks sent asynchronously, reusable card tokens, off-session charges. It
 * keeps its own record of each charge (sandbox_charges), which `fetchPayment` reads like a provider API.
 * Card numbers and CVCs are checked and then dropped: only brand, last four digits and expiry are kept.
 */
export class SandboxProvider implements PaymentProvider {
  readonly name = 'sandbox';
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly deps: {
      db: Kysely<DB>;
      publicUrl: string;
      webhookSecret: string;
      /** Null: no webhooks (the return path and refresh still settle payments). */
      webhookUrl: string | null;
      log: SandboxLog;
      now?: () => Date;
      /** Delays before each webhook delivery attempt. */
      retryDelaysMs?: number[];
    },
  ) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  pageUrl(chargeId: string): string {
    return `${this.deps.publicUrl}/sandbox/pay/${chargeId}`;
  }

  async startPayment(input: StartPaymentInput): Promise<StartedPayment> {
    const at = this.now().toISOString();
    const saved = input.cardToken ? parseToken(input.cardToken) : undefined;
    let status = 'requires_payment_method';
    let failure: PaymentFailureReason | null = null;
    if (input.cardToken) {
      const outcome = decide(saved?.behaviour ?? 'decline', input.offSession);
      status = outcome.status;
      failure = outcome.failure;
    }
    const charge = await createSandboxCharge(this.deps.db, {
      id: `sbx_${randomBytes(12).toString('hex')}`,
      payment_id: input.paymentId,
      amount: input.amount,
      currency: input.currency,
      status,
      failure_reason: failure,
      return_url: input.returnUrl,
      save_card: input.saveCard ? 1 : 0,
      card_brand: saved?.brand ?? null,
      card_last4: saved?.last4 ?? null,
      card_exp_month: null,
      card_exp_year: null,
      card_token: input.cardToken,
      created_at: at,
    });
    const final = !PENDING.includes(charge.status);
    if (final) this.sendWebhook(charge);
    return {
      providerPaymentId: charge.id,
      redirectUrl:
        charge.status === 'requires_payment_method'
          ? this.pageUrl(charge.id)
          : charge.status === 'requires_action'
            ? `${this.pageUrl(charge.id)}/3ds`
            : null,
      state: final ? stateOf(charge) : null,
    };
  }

  async fetchPayment(providerPaymentId: string): Promise<ProviderPaymentState> {
    const charge = await findSandboxCharge(this.deps.db, providerPaymentId);
    if (!charge) throw new Error(`no sandbox charge ${providerPaymentId}`);
    return stateOf(charge);
  }

  async cancelPayment(providerPaymentId: string): Promise<ProviderPaymentState> {
    const moved = await moveSandboxCharge(this.deps.db, providerPaymentId, PENDING, {
      status: 'cancelled',
      failure_reason: 'expired',
      updated_at: this.now().toISOString(),
    });
    const charge = await findSandboxCharge(this.deps.db, providerPaymentId);
    if (!charge) throw new Error(`no sandbox charge ${providerPaymentId}`);
    if (moved) this.sendWebhook(charge);
    return stateOf(charge);
  }

  findCharge(chargeId: string): Promise<SandboxCharge | undefined> {
    return findSandboxCharge(this.deps.db, chargeId);
  }

  /** The payer submitted the card form on the hosted page. */
  async submitCard(
    chargeId: string,
    form: { number: string; expiry: string; cvc: string },
  ): Promise<SandboxStep> {
    const charge = await findSandboxCharge(this.deps.db, chargeId);
    if (!charge) return { next: 'gone' };
    if (charge.status !== 'requires_payment_method') return this.afterward(charge);
    const checked = checkCardInput(form, this.now());
    if (!checked.ok) return { next: 'form', problems: checked.problems, charge };
    const behaviour = SANDBOX_TEST_CARDS[checked.digits] ?? 'succeed';
    const outcome = decide(behaviour, false);
    const at = this.now().toISOString();
    const card = checked.card;
    const moved = await moveSandboxCharge(this.deps.db, chargeId, ['requires_payment_method'], {
      status: outcome.status,
      failure_reason: outcome.failure,
      card_brand: card.brand,
      card_last4: card.last4,
      card_exp_month: card.expMonth,
      card_exp_year: card.expYear,
      card_token: charge.save_card === 1 ? tokenFor(behaviour, card) : null,
      updated_at: at,
    });
    const after = (await findSandboxCharge(this.deps.db, chargeId))!;
    if (moved && !PENDING.includes(after.status)) this.sendWebhook(after);
    return this.afterward(after);
  }

  /** The payer answered the 3-D Secure challenge. */
  async completeChallenge(chargeId: string, approve: boolean): Promise<SandboxStep> {
    const charge = await findSandboxCharge(this.deps.db, chargeId);
    if (!charge) return { next: 'gone' };
    const moved = await moveSandboxCharge(this.deps.db, chargeId, ['requires_action'], {
      status: approve ? 'succeeded' : 'failed',
      failure_reason: approve ? null : 'authentication_failed',
      updated_at: this.now().toISOString(),
    });
    const after = (await findSandboxCharge(this.deps.db, chargeId))!;
    if (moved) this.sendWebhook(after);
    return this.afterward(after);
  }

  /** The payer gave up on the hosted page. */
  async cancel(chargeId: string): Promise<SandboxStep> {
    const charge = await findSandboxCharge(this.deps.db, chargeId);
    if (!charge) return { next: 'gone' };
    const moved = await moveSandboxCharge(this.deps.db, chargeId, PENDING, {
      status: 'cancelled',
      failure_reason: 'cancelled_by_payer',
      updated_at: this.now().toISOString(),
    });
    const after = (await findSandboxCharge(this.deps.db, chargeId))!;
    if (moved) this.sendWebhook(after);
    return this.afterward(after);
  }

  private afterward(charge: SandboxCharge): SandboxStep {
    if (charge.status === 'requires_action')
      return { next: 'redirect', url: `${this.pageUrl(charge.id)}/3ds` };
    if (charge.status === 'requires_payment_method')
      return { next: 'redirect', url: this.pageUrl(charge.id) };
    return { next: 'redirect', url: charge.return_url };
  }

  /** The body and signature header of the webhook for a charge's current state (tests replay these). */
  webhookFor(charge: SandboxCharge, at = this.now()): { body: string; signature: string } {
    const state = stateOf(charge);
    const body = JSON.stringify({
      id: `evt_${randomBytes(8).toString('hex')}`,
      type: `payment.${state.status}`,
      created: Math.floor(at.getTime() / 1000),
      data: state,
    });
    return { body, signature: signWebhook(this.deps.webhookSecret, body, at) };
  }

  /** Posts the webhook in the background, as a provider does, retrying a few times on failure. */
  private sendWebhook(charge: SandboxCharge): void {
    const url = this.deps.webhookUrl;
    if (url === null) return;
    const delays = this.deps.retryDelaysMs ?? [300, 2_000, 10_000, 60_000];
    const attempt = (n: number) => {
      const timer = setTimeout(async () => {
        this.timers.delete(timer);
        const { body, signature } = this.webhookFor(charge);
        try {
          const response = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signature },
            body,
            signal: AbortSignal.timeout(10_000),
          });
          if (response.ok) return;
          throw new Error(`HTTP ${response.status}`);
        } catch (error) {
          this.deps.log.warn(
            { charge: charge.id, attempt: n + 1, err: String(error) },
            'sandbox webhook not delivered',
          );
          if (n + 1 < delays.length) attempt(n + 1);
        }
      }, delays[n]);
      timer.unref();
      this.timers.add(timer);
    };
    attempt(0);
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}

function decide(
  behaviour: Behaviour,
  offSession: boolean,
): { status: string; failure: PaymentFailureReason | null } {
  if (behaviour === 'succeed') return { status: 'succeeded', failure: null };
  if (behaviour === 'challenge') {
    // Nobody is there to answer a challenge off-session; a real provider answers the same way.
    return offSession
      ? { status: 'failed', failure: 'authentication_required' }
      : { status: 'requires_action', failure: null };
  }
  return { status: 'failed', failure: FAILURE[behaviour] };
}

/** A reusable sandbox token carries what the sandbox needs to charge it again, never the number. */
function tokenFor(behaviour: Behaviour, card: CardSummary): string {
  return `sbx_card_${behaviour}_${card.brand}_${card.last4}_${randomBytes(8).toString('hex')}`;
}

function parseToken(token: string): { behaviour: Behaviour; brand: string; last4: string } | undefined {
  const match = /^sbx_card_(succeed|decline|insufficient|challenge)_([a-z]+)_(\d{4})_[0-9a-f]+$/.exec(token);
  if (!match) return undefined;
  return { behaviour: match[1] as Behaviour, brand: match[2]!, last4: match[3]! };
}

function stateOf(charge: SandboxCharge): ProviderPaymentState {
  const status = PENDING.includes(charge.status)
    ? 'pending'
    : charge.status === 'succeeded'
      ? 'succeeded'
      : charge.status === 'cancelled'
        ? 'cancelled'
        : 'failed';
  return {
    providerPaymentId: charge.id,
    status,
    amount: charge.amount,
    currency: charge.currency,
    failureReason: charge.failure_reason as PaymentFailureReason | null,
    card:
      charge.card_last4 === null
        ? null
        : {
            brand: charge.card_brand ?? 'card',
            last4: charge.card_last4,
            expMonth: charge.card_exp_month,
            expYear: charge.card_exp_year,
          },
    cardToken: status === 'succeeded' && charge.save_card === 1 ? charge.card_token : null,
  };
}
