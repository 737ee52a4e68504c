import { DailyDataUse, DailyUseQuery, Problem } from '@kabinet/contracts';
import { bucketDailyUse, dailyUseWindow } from '@kabinet/core';
import { listDataSessions } from '@kabinet/db';
import type { AppInstance } from '../app';
import { LineParams, lineAccess } from '../plugins/line-access';

/** Internet used per day (the Internet screen's chart). */
export function dailyUseRoutes(app: AppInstance): void {
  app.get(
    '/api/lines/:msisdn/usage/daily-data',
    {
      preValidation: lineAccess(app),
      schema: {
        tags: ['lines'],
        summary: 'Data used per day, for a chart',
        description:
          'Bytes of the charged data sessions per calendar day of the billing time zone, for the last ' +
          '`days` days (1–92, default 30) up to today; every day is listed, 0 when nothing was used.',
        security: [{ operatorKey: [] }],
        params: LineParams,
        querystring: DailyUseQuery,
        response: { 200: DailyDataUse, 400: Problem, 401: Problem, 404: Problem },
      },
    },
    async (request): Promise<DailyDataUse> => {
      const timeZone = app.deps.config.billingTimeZone;
      const window = dailyUseWindow(new Date(), request.query.days ?? 30, timeZone);
      const sessions = await listDataSessions(
        app.deps.database.db,
        request.line.id,
        window.from.toISOString(),
        window.until.toISOString(),
      );
      return { timeZone, days: bucketDailyUse(sessions, window, timeZone) };
    },
  );
}
