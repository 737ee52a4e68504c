import { MoneyHistory, MoneyHistoryQuery, Problem } from '@kabinet/contracts';
import { listMoneyHistory } from '@kabinet/db';
import type { AppInstance } from '../app';
import { LineParams, lineAccess } from '../plugins/line-access';

/** The history of payments and charges of a line (the Account screen), from its ledger rows. */
export function moneyHistoryRoutes(app: AppInstance): void {
  app.get(
    '/api/lines/:msisdn/history',
    {
      preValidation: lineAccess(app),
      schema: {
        tags: ['lines'],
        summary: 'Payments and charges, newest first',
        description:
          'Every money row of the ledger for this line and for its account as a whole (top-ups), newest ' +
          'first: kind, signed amount in minor units and the balance after it. Charges for single calls, ' +
          'messages and sessions are listed in the itemized details (`…/usage`) instead.',
        security: [{ operatorKey: [] }],
        params: LineParams,
        querystring: MoneyHistoryQuery,
        response: { 200: MoneyHistory, 400: Problem, 401: Problem, 404: Problem },
      },
    },
    async (request): Promise<MoneyHistory> => {
      const limit = request.query.limit ?? 50;
      const entries = await listMoneyHistory(
        app.deps.database.db,
        { id: request.line.id, accountId: request.line.accountId },
        { limit, before: request.query.before },
      );
      return {
        currency: app.deps.config.currency,
        entries,
        nextBefore: entries.length === limit ? entries.at(-1)!.id : null,
      };
    },
  );
}
