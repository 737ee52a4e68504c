import {
  BillDetail,
  BillList,
  BillParams,
  BillPaymentRecorded,
  IssuedVouchers,
  IssueVouchersRequest,
  Problem,
  PromisedPaymentOffer,
  PromisedPaymentTaken,
  RecordBillPaymentRequest,
  RedeemVoucherRequest,
  TakePromisedPaymentRequest,
  VoucherHistory,
  VoucherRedeemed,
} from '@kabinet/contracts';
import { DomainError, NotFoundError, newVoucherCode, normaliseVoucherCode } from '@kabinet/core';
import {
  insertVouchers,
  listBills,
  listVoucherRedemptions,
  loadBill,
  loadLineOverview,
  loadPromisedPaymentState,
  recordBillPayment,
  redeemVoucher,
  takePromisedPayment,
} from '@kabinet/db';
import { Type } from 'typebox';
import type { AppInstance } from '../app';
import { voucherCodeHash } from '../credit/voucher-hash';
import { renderBillPdf } from '../exports/bill-pdf';
import { requireBearer } from '../plugins/api-keys';
import { LineParams, lineAccess } from '../plugins/line-access';

const problems = { 400: Problem, 401: Problem, 404: Problem, 409: Problem };
const LANGS = new Set(['en', 'ru', 'id']);

/**
 * Money in without a card: vouchers, the promised payment, and postpaid bills (the subscriber's reads
 * and the operator's payment recording). Rules live in @kabinet/core and the repositories.
 */
export function creditRoutes(app: AppInstance): void {
  const preValidation = lineAccess(app);
  const operatorOnly = requireBearer(() => app.deps.config.operatorApiKey, 'operator');
  const security: { [scheme: string]: string[] }[] = [{ operatorKey: [] }, { subscriberSession: [] }];
  const { credit, currency } = app.deps.config;

  app.post(
    '/api/lines/:msisdn/vouchers/redeem',
    {
      preValidation,
      schema: {
        tags: ['money-in'],
        summary: 'Redeem a voucher code onto the line’s account',
        description:
          'Credits the voucher’s amount once (an open promised payment is repaid from it first). A code ' +
          'that is unknown, used or expired is `wrong_voucher_code` (400, with `triesLeft`); after ' +
          'VOUCHER_MAX_FAILURES_PER_LINE wrong codes within VOUCHER_LOCKOUT_MINUTES the line (and after ' +
          'VOUCHER_MAX_FAILURES_PER_CLIENT the client address) gets 429 `too_many_attempts` with ' +
          '`retryAfterSeconds` and a Retry-After header.',
        security,
        params: LineParams,
        body: RedeemVoucherRequest,
        response: { 200: VoucherRedeemed, ...problems, 429: Problem },
      },
    },
    async (request) => {
      const code = normaliseVoucherCode(request.body.code);
      if (code === undefined) {
        throw new DomainError('validation_failed', 'This is not a voucher code.', {
          errors: [
            { field: 'body.code', message: 'must be 16 letters and digits as printed on the voucher' },
          ],
        });
      }
      const result = await redeemVoucher(app.deps.database.db, {
        line: { id: request.line.id, accountId: request.line.accountId },
        codeHash: voucherCodeHash(credit.voucherSecret, code),
        clientIp: request.ip,
        limits: credit.voucherGuessLimits,
        now: new Date(),
      });
      return { ...result, currency };
    },
  );

  app.get(
    '/api/lines/:msisdn/vouchers',
    {
      preValidation,
      schema: {
        tags: ['money-in'],
        summary: 'Vouchers redeemed on the line, newest first',
        security,
        params: LineParams,
        response: { 200: VoucherHistory, 401: Problem, 404: Problem },
      },
    },
    async (request) => ({
      currency,
      redemptions: await listVoucherRedemptions(app.deps.database.db, request.line.id),
    }),
  );

  app.get(
    '/api/lines/:msisdn/promised-payment',
    {
      preValidation,
      schema: {
        tags: ['money-in'],
        summary: 'Whether the line may take a promised payment, on what terms, and its promised payments',
        security,
        params: LineParams,
        response: { 200: PromisedPaymentOffer, 401: Problem, 404: Problem },
      },
    },
    async (request) => {
      const rules = credit.promisedPayment;
      const state = await loadPromisedPaymentState(
        app.deps.database.db,
        { id: request.line.id, accountId: request.line.accountId },
        rules,
        new Date(),
      );
      return {
        currency,
        eligible: state.refusals.length === 0,
        refusals: state.refusals,
        amounts: [...rules.amounts],
        feeAmount: rules.feeAmount,
        termDays: rules.termDays,
        rules: {
          minLineAgeDays: rules.minLineAgeDays,
          minTopUpAmount: rules.minTopUpAmount,
          topUpWindowDays: rules.topUpWindowDays,
          maxBlockedDays: rules.maxBlockedDays,
        },
        current: state.current,
        history: state.history,
      };
    },
  );

  app.post(
    '/api/lines/:msisdn/promised-payment',
    {
      preValidation,
      schema: {
        tags: ['money-in'],
        summary: 'Take a promised payment',
        description:
          'Credits the amount at once and charges the fee; the next top-ups and vouchers repay it. Unpaid ' +
          'at the end of the term, the line is limited (PROMISED_PAYMENT_EXPIRY_ACTION). Refused with 409 ' +
          '`not_eligible` (`reason` lists why, comma-separated); once per `clientKey`.',
        security,
        params: LineParams,
        body: TakePromisedPaymentRequest,
        response: { 201: PromisedPaymentTaken, ...problems },
      },
    },
    async (request, reply) => {
      const result = await takePromisedPayment(app.deps.database.db, {
        line: { id: request.line.id, accountId: request.line.accountId },
        clientKey: request.body.clientKey,
        amount: request.body.amount,
        rules: credit.promisedPayment,
        now: new Date(),
      });
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply
        .status(201)
        .send({ promisedPayment: result.promisedPayment, balance: result.balance, currency });
    },
  );

  app.get(
    '/api/lines/:msisdn/bills',
    {
      preValidation,
      schema: {
        tags: ['money-in'],
        summary: 'The account’s bills, newest first',
        security,
        params: LineParams,
        response: { 200: BillList, 401: Problem, 404: Problem },
      },
    },
    async (request) => ({ currency, bills: await listBills(app.deps.database.db, request.line.accountId) }),
  );

  const billOf = async (accountId: number, number: string) => {
    const bill = await loadBill(app.deps.database.db, accountId, number);
    if (!bill) throw new NotFoundError('The bill');
    return bill;
  };

  app.get(
    '/api/lines/:msisdn/bills/:number',
    {
      preValidation,
      schema: {
        tags: ['money-in'],
        summary: 'One bill: fees, usage, discounts, tax, total and payments',
        security,
        params: BillParams,
        response: { 200: BillDetail, 401: Problem, 404: Problem },
      },
    },
    async (request) => {
      const bill = await billOf(request.line.accountId, request.params.number);
      return {
        ...bill,
        currency,
        taxMode: bill.taxMode as 'inclusive' | 'exclusive' | null,
        lines: bill.lines.map((l) => ({
          kind: l.kind as 'fee' | 'usage' | 'discount' | 'tax',
          amount: l.amount,
        })),
        payments: bill.payments.map((p) => ({ amount: p.amount, source: p.source, paidAt: p.paidAt })),
      };
    },
  );

  app.get(
    '/api/lines/:msisdn/bills/:number/pdf',
    {
      preValidation,
      schema: {
        tags: ['money-in'],
        summary: 'The bill as a PDF invoice',
        security,
        params: BillParams,
        querystring: Type.Object(
          { lang: Type.Optional(Type.Union([Type.Literal('en'), Type.Literal('ru'), Type.Literal('id')])) },
          { additionalProperties: false },
        ),
        produces: ['application/pdf'],
        response: {
          200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }),
          401: Problem,
          404: Problem,
        },
      },
    },
    async (request, reply) => {
      const bill = await billOf(request.line.accountId, request.params.number);
      const overview = await loadLineOverview(app.deps.database.db, request.line.id);
      if (!overview) throw new NotFoundError('The line');
      const customer = await app.deps.database.db
        .selectFrom('accounts')
        .innerJoin('customers', 'customers.id', 'accounts.customer_id')
        .select('customers.name')
        .where('accounts.id', '=', request.line.accountId)
        .executeTakeFirstOrThrow();
      const owner = overview.account.language;
      const lang = request.query.lang ?? ((LANGS.has(owner) ? owner : 'en') as 'en' | 'ru' | 'id');
      const pdf = await renderBillPdf({
        operatorName: overview.operatorName,
        accountNumber: overview.account.number,
        customerName: customer.name,
        currency: overview.currency,
        lang,
        bill,
      });
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="bill-${bill.number}.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );

  app.post(
    '/api/operator/vouchers',
    {
      preValidation: operatorOnly,
      schema: {
        tags: ['money-in'],
        summary: 'Issue a batch of vouchers (operator key)',
        description:
          'Answers with the codes once; only their keyed hashes are stored, so print or hand them over now.',
        security: [{ operatorKey: [] }],
        body: IssueVouchersRequest,
        response: { 201: IssuedVouchers, 400: Problem, 401: Problem },
      },
    },
    async (request, reply) => {
      const { count, amount, batch } = request.body;
      const expiresAt = request.body.expiresAt ? new Date(request.body.expiresAt).toISOString() : null;
      const codes = Array.from({ length: count }, () => newVoucherCode());
      await insertVouchers(app.deps.database.db, {
        codeHashes: codes.map((c) => voucherCodeHash(credit.voucherSecret, normaliseVoucherCode(c)!)),
        name: batch,
        amount,
        expiresAt,
        at: new Date().toISOString(),
      });
      reply.header('cache-control', 'no-store');
      return reply.status(201).send({ batch, amount, currency, expiresAt, codes });
    },
  );

  app.post(
    '/api/operator/bills/:number/payments',
    {
      preValidation: operatorOnly,
      schema: {
        tags: ['money-in'],
        summary: 'Record a payment of a bill (operator key)',
        description:
          'Credits the account and the bill once per `reference` (a repeat answers with the first result). ' +
          'More than is outstanding is 409 `amount_exceeds_outstanding`; a settled bill 409 `bill_settled`. ' +
          'Settling the last overdue bill lifts a dunning limit or block.',
        security: [{ operatorKey: [] }],
        params: Type.Object({ number: BillParams.properties.number }),
        body: RecordBillPaymentRequest,
        response: { 201: BillPaymentRecorded, ...problems },
      },
    },
    async (request, reply) => {
      const result = await recordBillPayment(app.deps.database.db, {
        billNumber: request.params.number,
        amount: request.body.amount,
        reference: request.body.reference,
        at: new Date().toISOString(),
      });
      if (!result) throw new NotFoundError('The bill');
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      const { paymentId: _id, replayed: _replayed, ...body } = result;
      return reply.status(201).send({ ...body, currency });
    },
  );
}
