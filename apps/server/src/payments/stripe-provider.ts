import {
  DomainError,
  type PaymentFailureReason,
  type PaymentProvider,
  type ProviderPaymentState,
  type StartedPayment,
  type StartPaymentInput,
} from '@kabinet/core';
import type Stripe from 'stripe';

type PaymentIntent = Stripe.PaymentIntent;
type CheckoutSession = Stripe.Checkout.Session;

const METADATA_KEY = 'kabinet_payment_id';

/**
 * Stripe as the card provider. A payer on the page pays through Stripe Checkout (a hosted page, as
 * the sandbox's), whose PaymentIntent may save the card for later; auto top-ups confirm a
 * PaymentIntent off-session with the saved card. A saved card's token is `<customer>|<payment method>`.
 * Every call to Stripe carries an idempotency key derived from our payment id.
 */
export class StripeProvider implements PaymentProvider {
  readonly name = 'stripe';
  /** The SDK is loaded only when Stripe is the provider, so a sandbox node starts without it. */
  private readonly client: Promise<Stripe>;

  constructor(
    secretKey: string,
    private readonly webhookSecret: string,
    private readonly toleranceSeconds = 300,
    /** Another API address (stripe-mock, or a local double in tests); Stripe's own by default. */
    api?: { host: string; port: number; protocol: 'http' | 'https' },
  ) {
    this.client = import('stripe').then(
      ({ default: StripeSdk }) => new StripeSdk(secretKey, { maxNetworkRetries: 2, timeout: 20_000, ...api }),
    );
  }

  async startPayment(input: StartPaymentInput): Promise<StartedPayment> {
    const stripe = await this.client;
    const metadata = { [METADATA_KEY]: String(input.paymentId) };
    const currency = input.currency.toLowerCase();
    const idempotencyKey = `kabinet-payment-${input.paymentId}`;
    if (input.cardToken === null) {
      const session = await stripe.checkout.sessions.create(
        {
          mode: 'payment',
          line_items: [
            {
              quantity: 1,
              price_data: { currency, unit_amount: input.amount, product_data: { name: input.description } },
            },
          ],
          success_url: input.returnUrl,
          cancel_url: input.returnUrl,
          client_reference_id: String(input.paymentId),
          metadata,
          payment_intent_data: {
            metadata,
            ...(input.saveCard ? { setup_future_usage: 'off_session' as const } : {}),
          },
          ...(input.saveCard ? { customer_creation: 'always' as const } : {}),
        },
        { idempotencyKey },
      );
      return { providerPaymentId: session.id, redirectUrl: session.url, state: null };
    }
    const [customer, paymentMethod] = input.cardToken.split('|');
    try {
      const intent = await stripe.paymentIntents.create(
        {
          amount: input.amount,
          currency,
          customer,
          payment_method: paymentMethod,
          confirm: true,
          metadata,
          description: input.description,
          ...(input.offSession ? { off_session: true } : { return_url: input.returnUrl }),
        },
        { idempotencyKey },
      );
      const redirect = intent.next_action?.redirect_to_url?.url ?? null;
      const state = intentState(intent);
      return {
        providerPaymentId: intent.id,
        redirectUrl: redirect,
        state: state.status === 'pending' ? null : state,
      };
    } catch (error) {
      // A declined off-session charge is an answer, not an outage: Stripe reports it as a card error.
      const intent = (error as { payment_intent?: PaymentIntent }).payment_intent;
      if ((error as { type?: string }).type === 'StripeCardError' && intent) {
        return { providerPaymentId: intent.id, redirectUrl: null, state: intentState(intent) };
      }
      throw error;
    }
  }

  async fetchPayment(providerPaymentId: string): Promise<ProviderPaymentState> {
    const stripe = await this.client;
    if (providerPaymentId.startsWith('cs_')) {
      const session = await stripe.checkout.sessions.retrieve(providerPaymentId, {
        expand: ['payment_intent.payment_method'],
      });
      return sessionState(session);
    }
    const intent = await stripe.paymentIntents.retrieve(providerPaymentId, {
      expand: ['payment_method'],
    });
    return intentState(intent);
  }

  async cancelPayment(providerPaymentId: string): Promise<ProviderPaymentState> {
    const stripe = await this.client;
    if (providerPaymentId.startsWith('cs_')) {
      const session = await stripe.checkout.sessions.retrieve(providerPaymentId);
      if (session.status === 'open') await stripe.checkout.sessions.expire(providerPaymentId);
      return this.fetchPayment(providerPaymentId);
    }
    const intent = await stripe.paymentIntents.retrieve(providerPaymentId);
    if (['requires_payment_method', 'requires_confirmation', 'requires_action'].includes(intent.status)) {
      await stripe.paymentIntents.cancel(providerPaymentId);
    }
    return this.fetchPayment(providerPaymentId);
  }

  /**
   * Verifies a webhook with Stripe's own check (signature over the raw body and timestamp, with our
   * tolerance) and reads the payment's state from it. Events about anything else answer null.
   */
  async parseWebhook(
    rawBody: string,
    signature: string | undefined,
    now: Date,
  ): Promise<ProviderPaymentState | null> {
    const stripe = await this.client;
    let event: Stripe.Event;
    try {
      event = stripe.webhooks.constructEvent(
        rawBody,
        signature ?? '',
        this.webhookSecret,
        this.toleranceSeconds,
        undefined,
        // Stripe takes the receiving time in milliseconds.
        now.getTime(),
      );
    } catch {
      throw new DomainError('invalid_signature', 'The Stripe-Signature header does not verify this body.');
    }
    switch (event.type) {
      case 'checkout.session.completed':
      case 'checkout.session.async_payment_succeeded':
      case 'checkout.session.async_payment_failed':
      case 'checkout.session.expired':
        return sessionState(event.data.object as CheckoutSession, event.type);
      case 'payment_intent.succeeded':
      case 'payment_intent.payment_failed':
      case 'payment_intent.canceled':
        return intentState(event.data.object as PaymentIntent);
      default:
        return null;
    }
  }
}

function failureOf(intent: PaymentIntent): PaymentFailureReason {
  const error = intent.last_payment_error;
  if (error?.decline_code === 'insufficient_funds') return 'insufficient_funds';
  if (error?.code === 'authentication_required' || error?.code === 'payment_intent_authentication_failure') {
    return error.code === 'authentication_required' ? 'authentication_required' : 'authentication_failed';
  }
  if (error?.code === 'expired_card') return 'expired_card';
  return error ? 'card_declined' : 'provider_error';
}

function cardOf(intent: PaymentIntent | null): Pick<ProviderPaymentState, 'card' | 'cardToken'> {
  const method = intent?.payment_method;
  if (!method || typeof method === 'string' || !method.card) return { card: null, cardToken: null };
  const customer = typeof intent.customer === 'string' ? intent.customer : (intent.customer?.id ?? null);
  return {
    card: {
      brand: method.card.brand,
      last4: method.card.last4,
      expMonth: method.card.exp_month,
      expYear: method.card.exp_year,
    },
    cardToken: customer && intent.setup_future_usage ? `${customer}|${method.id}` : null,
  };
}

function intentState(intent: PaymentIntent): ProviderPaymentState {
  let status: ProviderPaymentState['status'] = 'pending';
  let failureReason: PaymentFailureReason | null = null;
  if (intent.status === 'succeeded') status = 'succeeded';
  else if (intent.status === 'canceled') {
    status = 'cancelled';
    failureReason = 'cancelled_by_payer';
  } else if (intent.status === 'requires_payment_method' && intent.last_payment_error) {
    status = 'failed';
    failureReason = failureOf(intent);
  }
  return {
    providerPaymentId: intent.id,
    status,
    amount: intent.amount_received > 0 ? intent.amount_received : intent.amount,
    currency: intent.currency.toUpperCase(),
    failureReason,
    ...cardOf(intent),
  };
}

function sessionState(session: CheckoutSession, eventType?: string): ProviderPaymentState {
  const intent =
    session.payment_intent && typeof session.payment_intent === 'object' ? session.payment_intent : null;
  let status: ProviderPaymentState['status'] = 'pending';
  let failureReason: PaymentFailureReason | null = null;
  if (session.payment_status === 'paid') status = 'succeeded';
  else if (eventType === 'checkout.session.async_payment_failed') {
    status = 'failed';
    failureReason = 'card_declined';
  } else if (session.status === 'expired') {
    status = 'cancelled';
    failureReason = 'expired';
  }
  return {
    providerPaymentId: session.id,
    status,
    amount: session.amount_total ?? 0,
    currency: (session.currency ?? '').toUpperCase(),
    failureReason,
    ...cardOf(intent),
  };
}
