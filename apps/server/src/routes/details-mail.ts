import {
  DetailsMailOrder,
  DetailsMailOrderRequest,
  DetailsMailOrders,
  type DetailType,
  Problem,
} from '@kabinet/contracts';
import { DomainError, isEmailAddress, maskEmail, NotFoundError, resolveDetailsPeriod } from '@kabinet/core';
import {
  type DetailsMailOrderRow,
  listDetailsMailOrders,
  loadLineOverview,
  ownerEmailOfLine,
  placeDetailsMailOrder,
} from '@kabinet/db';
import type { AppInstance } from '../app';
import { LineParams, lineAccess } from '../plugins/line-access';

const LANGS = new Set(['en', 'ru', 'id']);

function orderView(row: DetailsMailOrderRow): DetailsMailOrder {
  return {
    id: row.id,
    status: row.status as DetailsMailOrder['status'],
    recipient: maskEmail(row.recipient),
    period: { from: row.period_from, to: row.period_to },
    type: (row.detail_type ?? null) as DetailType | null,
    formats: row.formats.split(',') as DetailsMailOrder['formats'],
    createdAt: row.created_at,
    sentAt: row.sent_at,
  };
}

function invalidEmail(message: string, reason?: string): DomainError {
  return new DomainError('validation_failed', `email ${message}`, {
    errors: [{ field: 'body.email', message }],
    ...(reason ? { reason } : {}),
  });
}

/**
 * Itemized details ordered to e-mail: the order is queued in the database and answered at once (202);
 * the details-mail service sends it in the background, so a slow mail relay never holds the request.
 */
export function detailsMailRoutes(app: AppInstance): void {
  const preValidation = lineAccess(app);
  const security = [{ operatorKey: [] }];

  app.post(
    '/api/lines/:msisdn/usage/email-orders',
    {
      preValidation,
      schema: {
        tags: ['lines'],
        summary: 'Order itemized details (CSV and/or PDF) to an e-mail address',
        description:
          'The period rules are those of the downloads (local days, at most 366). Without `email` the ' +
          'details go to the address on file for the account; if there is none, the answer is ' +
          '`validation_failed` with `reason: no_email_on_file`. Answers 202 with the queued order; the mail ' +
          'follows within moments (`GET …/usage/email-orders` shows its status). Once per `clientKey`: a ' +
          'repeat returns the same order and sends nothing more; the key reused for another order is ' +
          '`client_key_reused` (409). More than `perHour` orders of one line in an hour is ' +
          '`too_many_requests` (429, with `retryAfterSeconds`).',
        security,
        params: LineParams,
        body: DetailsMailOrderRequest,
        response: {
          202: DetailsMailOrder,
          400: Problem,
          401: Problem,
          404: Problem,
          409: Problem,
          429: Problem,
        },
      },
    },
    async (request, reply) => {
      const { db } = app.deps.database;
      const { body } = request;
      const now = new Date();
      const period = resolveDetailsPeriod(body, now, app.deps.config.billingTimeZone, 'body');
      let recipient = body.email?.trim();
      if (recipient !== undefined && !isEmailAddress(recipient)) {
        throw invalidEmail('must be an e-mail address such as name@example.com');
      }
      const overview = await loadLineOverview(db, request.line.id);
      if (!overview) throw new NotFoundError('The line');
      if (recipient === undefined) {
        const onFile = await ownerEmailOfLine(db, request.line.id);
        if (!onFile || !isEmailAddress(onFile)) {
          throw invalidEmail(
            'is required: no e-mail address is on file for this account',
            'no_email_on_file',
          );
        }
        recipient = onFile;
      }
      const owner = overview.account.language;
      const lang = body.lang ?? (LANGS.has(owner) ? owner : 'en');
      const { order, replayed } = await placeDetailsMailOrder(
        db,
        {
          lineId: request.line.id,
          clientKey: body.clientKey,
          recipient,
          periodFrom: period.from,
          periodTo: period.to,
          detailType: body.type ?? null,
          formats: ['csv', 'pdf'].filter((f) => body.formats.includes(f as 'csv' | 'pdf')).join(','),
          lang,
        },
        { perLine: app.deps.config.mail.detailsPerLinePerHour, windowSeconds: 3600 },
        now,
      );
      if (replayed) reply.header('idempotent-replayed', 'true');
      else app.deps.services.detailsMail.kick(order.id);
      return reply.status(202).send(orderView(order));
    },
  );

  app.get(
    '/api/lines/:msisdn/usage/email-orders',
    {
      preValidation,
      schema: {
        tags: ['lines'],
        summary: 'The address on file and the latest orders of details by e-mail, with their status',
        security,
        params: LineParams,
        response: { 200: DetailsMailOrders, 400: Problem, 401: Problem, 404: Problem },
      },
    },
    async (request, reply): Promise<DetailsMailOrders> => {
      const { db } = app.deps.database;
      const [ownerEmail, rows] = await Promise.all([
        ownerEmailOfLine(db, request.line.id),
        listDetailsMailOrders(db, request.line.id, 10),
      ]);
      reply.header('cache-control', 'private, no-store');
      return {
        emailOnFile: ownerEmail && isEmailAddress(ownerEmail) ? maskEmail(ownerEmail) : null,
        perHour: app.deps.config.mail.detailsPerLinePerHour,
        orders: rows.map(orderView),
      };
    },
  );
}
