import {
  OrderList,
  OrderListQuery,
  OrderQuote,
  OrderQuoteRequest,
  PlacedOrder,
  PlaceOrderRequest,
  Problem,
} from '@kabinet/contracts';
import { DomainError, placeOrder, quoteOrder } from '@kabinet/core';
import { listOrders, loadOrderContext, sqlOrderStore } from '@kabinet/db';
import type { AppInstance } from '../app';
import { LineParams, lineAccess } from '../plugins/line-access';

const problems = { 400: Problem, 401: Problem, 404: Problem, 409: Problem };

/**
 * Orders from the self-care app: price first ("this will cost X, effective Y"), then place it once
 * under a client key. Rules live in @kabinet/core (quoteOrder, placeOrder); these handlers only adapt.
 */
export function orderRoutes(app: AppInstance): void {
  const store = sqlOrderStore(app.deps.database.db);
  const preValidation = lineAccess(app);
  const security = [{ operatorKey: [] }];

  app.post(
    '/api/lines/:msisdn/orders/quote',
    {
      preValidation,
      schema: {
        tags: ['orders'],
        summary: 'Price an order without placing it',
        description:
          'Says what the order will cost and when it takes effect. Nothing changes. An order the line ' +
          'cannot have is answered with the problem it would get (e.g. 409 `already_connected`); a price ' +
          'the balance does not cover is still quoted, with `canAfford: false`.',
        security,
        params: LineParams,
        body: OrderQuoteRequest,
        response: { 200: OrderQuote, ...problems },
      },
    },
    async (request) => {
      const { db } = app.deps.database;
      const now = new Date();
      const ctx = await loadOrderContext(db, request.line.id, request.body);
      const decided = quoteOrder(ctx, request.body, now, app.deps.config.billingTimeZone);
      if (!decided.ok) throw new DomainError(decided.code, decided.message);
      const { plan: _plan, effectiveAt, ...quote } = decided.quote;
      return { ...quote, effectiveAt: effectiveAt.toISOString() };
    },
  );

  app.post(
    '/api/lines/:msisdn/orders',
    {
      preValidation,
      schema: {
        tags: ['orders'],
        summary:
          'Place an order (change tariff, connect or disconnect a service, buy a pack, cancel a subscription)',
        description:
          'Charged exactly once per `clientKey`: a repeat returns the first answer with the same status and ' +
          'charges nothing, also when the first answer was a refusal. Refusals are problems with a stable ' +
          '`code`: `insufficient_funds`, `already_connected`, `not_connected`, `same_tariff`, ' +
          '`already_scheduled`, `not_available`, `line_blocked` (409) or `not_found` (404); reusing a key ' +
          'for a different order is `client_key_reused` (409).',
        security,
        params: LineParams,
        body: PlaceOrderRequest,
        response: { 201: PlacedOrder, ...problems },
      },
    },
    async (request, reply) => {
      const result = await placeOrder(
        store,
        { id: request.line.id, accountId: request.line.accountId },
        request.body,
        { now: new Date(), timeZone: app.deps.config.billingTimeZone },
      );
      if (result.outcome === 'rejected') throw new DomainError(result.code, result.message);
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(result.order);
    },
  );

  app.get(
    '/api/lines/:msisdn/orders',
    {
      preValidation,
      schema: {
        tags: ['orders'],
        summary: "The line's orders, newest first, with their result",
        security,
        params: LineParams,
        querystring: OrderListQuery,
        response: { 200: OrderList, 400: Problem, 401: Problem, 404: Problem },
      },
    },
    async (request) => {
      const limit = request.query.limit ?? 50;
      const orders = await listOrders(app.deps.database.db, request.line.id, {
        limit,
        before: request.query.before,
      });
      return { orders, nextBefore: orders.length === limit ? orders.at(-1)!.id : null };
    },
  );
}
