import {
  AutoTopUpSettings,
  BillParams,
  Payment,
  PaymentList,
  PaymentListQuery,
  Problem,
  SavedCardList,
  StartBillPaymentRequest,
  StartedTopUp,
  StartTopUpRequest,
  TopUpOptions,
} from '@kabinet/contracts';
import {
  checkAutoTopUpSettings,
  DomainError,
  type StartedTopUp as StartedPayment,
  type StoredPayment,
} from '@kabinet/core';
import { getAutoTopUp, listPayments, listSavedCards, removeSavedCard, saveAutoTopUp } from '@kabinet/db';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { AppInstance } from '../app';
import { LineParams, lineAccess } from '../plugins/line-access';

const problems = { 400: Problem, 401: Problem, 404: Problem, 409: Problem, 503: Problem };
const PaymentParams = Type.Object({
  ...LineParams.properties,
  paymentId: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }),
});
const CardParams = Type.Object({
  ...LineParams.properties,
  cardId: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }),
});

const IdempotencyKeyHeader = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ minLength: 8, maxLength: 100 })),
});

/** The attempt's key, from the body or the `Idempotency-Key` header; a start without one is refused. */
function idempotencyKeyOf(
  body: { idempotencyKey?: string | undefined },
  headers: { 'idempotency-key'?: string | undefined },
): string {
  const key = body.idempotencyKey ?? headers['idempotency-key'];
  if (!key) {
    throw new DomainError('validation_failed', 'Send an idempotency key, one per payment attempt.', {
      errors: [{ field: 'idempotencyKey', message: 'is required (or the Idempotency-Key header)' }],
    });
  }
  return key;
}

/** 201 with the payment and where to send the payer; a replayed key says so in a header. */
function replyStarted(reply: FastifyReply, started: StartedPayment) {
  if (started.replayed) reply.header('idempotent-replayed', 'true');
  return reply.status(201).send({ payment: paymentView(started.payment), redirectUrl: started.redirectUrl });
}

/** What the app shows of a payment: never more of the card than brand and last four digits. */
export function paymentView(p: StoredPayment): Payment {
  const card = p.card ? { brand: p.card.brand, last4: p.card.last4 } : null;
  return {
    id: p.id,
    kind: p.kind,
    amount: p.amount,
    currency: p.currency,
    status: p.status,
    failureReason: p.failureReason,
    card,
    receipt:
      p.status === 'succeeded' && p.receiptNumber && p.succeededAt
        ? { number: p.receiptNumber, amount: p.amount, currency: p.currency, paidAt: p.succeededAt, card }
        : null,
    createdAt: p.createdAt,
  };
}

/**
 * Card top-ups, saved cards and auto top-up of the line's account. Rules live in @kabinet/core
 * (payments); the provider and the once-only crediting in apps/server/src/payments and @kabinet/db.
 */
export function paymentRoutes(app: AppInstance): void {
  const payments = app.deps.services.payments;
  const preValidation = lineAccess(app);
  const security: Record<string, string[]>[] = [{ operatorKey: [] }, { subscriberSession: [] }];
  const tags = ['payments'];
  const { topUpMin, topUpMax } = app.deps.config.payments;

  app.get(
    '/api/lines/:msisdn/top-ups/options',
    {
      preValidation,
      schema: {
        tags,
        summary: 'What a top-up may be: limits, currency and suggested amounts',
        security,
        params: LineParams,
        response: { 200: TopUpOptions, 401: Problem, 404: Problem },
      },
    },
    async () => ({
      currency: app.deps.config.currency,
      min: topUpMin,
      max: topUpMax,
      suggested: [10, 30, 50, 100].map((n) => n * topUpMin).filter((a) => a <= topUpMax),
      provider: payments.provider.name,
    }),
  );

  app.post(
    '/api/lines/:msisdn/top-ups',
    {
      preValidation,
      schema: {
        tags,
        summary: 'Start a card top-up (no commission)',
        description:
          'Creates the payment once per idempotency key (body `idempotencyKey` or `Idempotency-Key` header): the ' +
          'same key answers with the same payment (header `idempotent-replayed: true`), a different amount or ' +
          'card under it is `idempotency_key_reused` (409). Send the payer to `redirectUrl`; the balance is ' +
          'credited once, when the provider confirms (webhook or refresh). `amount_out_of_range` (400) names ' +
          '`min` and `max`.',
        security,
        params: LineParams,
        headers: IdempotencyKeyHeader,
        body: StartTopUpRequest,
        response: { 201: StartedTopUp, ...problems },
      },
    },
    async (request, reply) => {
      const key = idempotencyKeyOf(request.body, request.headers);
      const started = await payments.startTopUp(request.line, {
        amount: request.body.amount,
        idempotencyKey: key,
        cardId: request.body.cardId ?? null,
        saveCard: request.body.saveCard ?? false,
      });
      return replyStarted(reply, started);
    },
  );

  app.post(
    '/api/lines/:msisdn/bills/:number/card-payments',
    {
      preValidation,
      schema: {
        tags,
        summary: 'Start paying a postpaid bill by card',
        description:
          'Like a top-up: one payment per idempotency key (a replay answers with the first payment, header ' +
          '`idempotent-replayed: true`), the payer goes to `redirectUrl`, and the money is credited once when the ' +
          'provider confirms; in the same transaction the bill takes what is outstanding of it and, once nothing ' +
          'is overdue, lines limited or blocked for the bill are active again. `amount` defaults to everything ' +
          'outstanding; more than that is `amount_exceeds_outstanding` (409), a settled bill `bill_settled` (409).',
        security,
        params: BillParams,
        headers: IdempotencyKeyHeader,
        body: StartBillPaymentRequest,
        response: { 201: StartedTopUp, ...problems },
      },
    },
    async (request, reply) => {
      const key = idempotencyKeyOf(request.body, request.headers);
      const started = await payments.startBillPayment(request.line, {
        billNumber: request.params.number,
        amount: request.body.amount ?? null,
        idempotencyKey: key,
        cardId: request.body.cardId ?? null,
        saveCard: request.body.saveCard ?? false,
      });
      return replyStarted(reply, started);
    },
  );

  app.get(
    '/api/lines/:msisdn/top-ups',
    {
      preValidation,
      schema: {
        tags,
        summary: "Payment history of the line's account, newest first",
        security,
        params: LineParams,
        querystring: PaymentListQuery,
        response: { 200: PaymentList, 400: Problem, 401: Problem, 404: Problem },
      },
    },
    async (request) => {
      const limit = request.query.limit ?? 30;
      const rows = await listPayments(app.deps.database.db, request.line.accountId, {
        limit,
        before: request.query.before,
      });
      return { payments: rows.map(paymentView), nextBefore: rows.length === limit ? rows.at(-1)!.id : null };
    },
  );

  app.get(
    '/api/lines/:msisdn/top-ups/:paymentId',
    {
      preValidation,
      schema: {
        tags,
        summary: 'One payment as stored (no call to the provider)',
        security,
        params: PaymentParams,
        response: { 200: Payment, 400: Problem, 401: Problem, 404: Problem },
      },
    },
    async (request) =>
      paymentView(await payments.paymentOf(request.line.accountId, request.params.paymentId)),
  );

  app.post(
    '/api/lines/:msisdn/top-ups/:paymentId/refresh',
    {
      preValidation,
      schema: {
        tags,
        summary: 'Ask the provider about a pending payment and apply its answer',
        description:
          'The result screen polls this after the payer returns. Crediting is once-only whichever of this and ' +
          'the webhook comes first; a final payment is answered from storage.',
        security,
        params: PaymentParams,
        response: { 200: Payment, ...problems },
      },
    },
    async (request) => {
      const payment = await payments.paymentOf(request.line.accountId, request.params.paymentId);
      return paymentView(await payments.refresh(payment));
    },
  );

  app.get(
    '/api/lines/:msisdn/cards',
    {
      preValidation,
      schema: {
        tags,
        summary: 'Saved cards of the account (brand, last four digits, expiry; never the number)',
        security,
        params: LineParams,
        response: { 200: SavedCardList, 401: Problem, 404: Problem },
      },
    },
    async (request) => {
      const cards = await listSavedCards(app.deps.database.db, request.line.accountId);
      return {
        cards: cards.map((c) => ({
          id: c.id,
          brand: c.brand,
          last4: c.last4,
          expMonth: c.expMonth,
          expYear: c.expYear,
        })),
      };
    },
  );

  app.delete(
    '/api/lines/:msisdn/cards/:cardId',
    {
      preValidation,
      schema: {
        tags,
        summary: 'Remove a saved card (auto top-up that used it is switched off)',
        security,
        params: CardParams,
        response: { 204: Type.Null(), 400: Problem, 401: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      const removed = await removeSavedCard(
        app.deps.database.db,
        request.line.accountId,
        request.params.cardId,
        new Date(),
      );
      if (!removed) throw new DomainError('not_found', 'No such saved card.');
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/lines/:msisdn/auto-top-up',
    {
      preValidation,
      schema: {
        tags,
        summary: 'Auto top-up settings of the account',
        security,
        params: LineParams,
        response: { 200: AutoTopUpSettings, 401: Problem, 404: Problem },
      },
    },
    async (request) => {
      const stored = await getAutoTopUp(app.deps.database.db, request.line.accountId);
      if (stored) {
        const { updatedAt: _updatedAt, ...settings } = stored;
        return settings;
      }
      // Suggested starting values: 300 × the minimum when the balance is below 10 × the minimum.
      const amount = Math.min(30 * topUpMin, topUpMax);
      return {
        enabled: false,
        cardId: null,
        amount,
        threshold: 10 * topUpMin,
        monthlyDay: null,
        dailyLimit: amount,
        monthlyLimit: amount * 5,
      };
    },
  );

  app.put(
    '/api/lines/:msisdn/auto-top-up',
    {
      preValidation,
      schema: {
        tags,
        summary: 'Save auto top-up settings',
        description:
          'Switched on it needs a saved card, an amount within the top-up limits, a balance threshold or a ' +
          'monthly day (or both), and daily and monthly limits that allow one top-up.',
        security,
        params: LineParams,
        body: AutoTopUpSettings,
        response: { 200: AutoTopUpSettings, 400: Problem, 401: Problem, 404: Problem },
      },
    },
    async (request) => {
      const settings = request.body;
      const errors = checkAutoTopUpSettings(settings, { min: topUpMin, max: topUpMax });
      if (settings.enabled && settings.cardId === null) {
        errors.push({ field: 'cardId', message: 'choose a saved card' });
      }
      if (settings.cardId !== null) {
        const card = await payments.store.findCard(request.line.accountId, settings.cardId);
        if (!card) errors.push({ field: 'cardId', message: 'is not a saved card of this account' });
      }
      if (errors.length > 0) {
        throw new DomainError('validation_failed', 'The auto top-up settings are not valid.', { errors });
      }
      await saveAutoTopUp(app.deps.database.db, request.line.accountId, settings, new Date());
      return settings;
    },
  );
}
