import { LineCatalog, LineServices, LineSummary, Problem } from '@kabinet/contracts';
import {
  computeLineAlerts,
  formatLocalDate,
  localDateOf,
  NotFoundError,
  summarizeServiceCosts,
} from '@kabinet/core';
import {
  findOpenPromisedPayment,
  listConnectedServices,
  listCurrentBundles,
  listOtherLines,
  listUnpaidBills,
  loadLineCatalog,
  loadLineOverview,
  loadLineServices,
  usageSpentSince,
} from '@kabinet/db';
import type { AppInstance } from '../app';
import { LineParams, lineAccess } from '../plugins/line-access';

const problems = { 401: Problem, 404: Problem };
const DAY = 86_400_000;

/**
 * The self-care app's reads of one line: the Home screen in one call (summary), the connected services,
 * and the catalogue as this line sees it. Access to the line is proven by `lineAccess` first.
 */
export function lineRoutes(app: AppInstance): void {
  const preValidation = lineAccess(app);
  const security = [{ operatorKey: [] }];

  app.get(
    '/api/lines/:msisdn/summary',
    {
      preValidation,
      schema: {
        tags: ['lines'],
        summary: 'Everything the Home screen shows, in one call',
        description:
          'Balance, tariff, every bundle that has not expired (used-up ones too) with its reset or expiry ' +
          'date, the count and monthly cost of connected paid services (daily fees × 30), alerts and the ' +
          'other lines of the account. Money in minor units of `account.currency`.',
        security,
        params: LineParams,
        response: { 200: LineSummary, ...problems },
      },
    },
    async (request): Promise<LineSummary> => {
      const { db } = app.deps.database;
      const now = new Date();
      const nowIso = now.toISOString();
      const line = request.line;
      const [overview, bundles, services, bills, otherLines, spent, promised] = await Promise.all([
        loadLineOverview(db, line.id),
        listCurrentBundles(db, line.id, nowIso),
        listConnectedServices(db, line.id),
        listUnpaidBills(db, line.accountId),
        listOtherLines(db, line.accountId, line.id),
        usageSpentSince(db, line.id, new Date(now.getTime() - 30 * DAY).toISOString()),
        findOpenPromisedPayment(db, line.accountId),
      ]);
      if (!overview) throw new NotFoundError('The line');
      const paymentType = overview.account.paymentType as LineSummary['account']['paymentType'];
      const alerts = computeLineAlerts({
        today: formatLocalDate(localDateOf(now, app.deps.config.billingTimeZone)),
        paymentType,
        balance: overview.account.balance,
        creditLimit: overview.account.creditLimit,
        lineStatus: overview.line.status,
        tariffStatus: overview.line.tariffStatus,
        nextFee: { amount: overview.tariff.feeAmount, dueAt: overview.line.nextFeeAt },
        usageSpentLast30Days: spent,
        bundles,
        services,
        bills,
        promisedPayment: promised,
      });
      return {
        asOf: nowIso,
        line: {
          msisdn: overview.line.msisdn,
          status: overview.line.status as LineSummary['line']['status'],
          tariff: {
            code: overview.tariff.code,
            name: overview.tariff.name,
            feeAmount: overview.tariff.feeAmount,
            feePeriod: overview.tariff.feePeriod as LineSummary['line']['tariff']['feePeriod'],
            paymentType: overview.tariff.paymentType as LineSummary['line']['tariff']['paymentType'],
          },
          nextFeeAt: overview.line.nextFeeAt,
          tariffStatus: overview.line.tariffStatus === 'suspended' ? 'suspended' : 'active',
        },
        account: {
          number: overview.account.number,
          paymentType,
          balance: overview.account.balance,
          creditLimit: overview.account.creditLimit,
          available: overview.account.balance + overview.account.creditLimit,
          currency: overview.currency,
        },
        bundles,
        services: summarizeServiceCosts(services),
        alerts,
        otherLines,
      };
    },
  );

  app.get(
    '/api/lines/:msisdn/services',
    {
      preValidation,
      schema: {
        tags: ['lines'],
        summary: 'Services connected to the line, with their prices',
        description:
          'Options and paid content subscriptions (third-party providers) in separate lists; `monthlyCost` ' +
          'counts monthly fees as they are and daily fees × 30.',
        security,
        params: LineParams,
        response: { 200: LineServices, ...problems },
      },
    },
    async (request) => loadLineServices(app.deps.database.db, request.line.id),
  );

  app.get(
    '/api/lines/:msisdn/catalog',
    {
      preValidation,
      schema: {
        tags: ['lines'],
        summary: 'The catalogue as this line sees it',
        description:
          'Tariffs of the account’s payment type (`current` marks the line’s), every service with ' +
          '`connected`, the packs on sale (roaming packs carry their zone) and the roaming zones.',
        security,
        params: LineParams,
        response: { 200: LineCatalog, ...problems },
      },
    },
    async (request) => {
      const catalog = await loadLineCatalog(app.deps.database.db, request.line);
      if (!catalog) throw new NotFoundError('The catalogue');
      return catalog;
    },
  );
}
