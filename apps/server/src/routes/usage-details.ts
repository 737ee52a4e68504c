import { Problem, UsageDetails, UsageDetailsQuery, UsageExportQuery } from '@kabinet/contracts';
import { decodeDetailsCursor, encodeDetailsCursor, NotFoundError, resolveDetailsPeriod } from '@kabinet/core';
import { type DetailsFilter, detailsTotals, keyOfItem, listDetailsPage, loadLineOverview } from '@kabinet/db';
import { Type } from 'typebox';
import type { AppInstance } from '../app';
import { type DetailsLang, detailsCsv, detailsPdf, loadDetailsExport } from '../exports/details-export';
import { LineParams, lineAccess } from '../plugins/line-access';

const problems = { 400: Problem, 401: Problem, 404: Problem };

/**
 * Itemized details: every charged call, message and data session of the line and every other charge
 * (fees, orders, pack purchases) for a period of local days, newest first, paged by an opaque cursor,
 * with totals of the whole period; and the same as CSV or PDF files (all rows, not paged).
 */
export function usageDetailsRoutes(app: AppInstance): void {
  const preValidation = lineAccess(app);
  const security = [{ operatorKey: [] }];
  const timeZone = app.deps.config.billingTimeZone;

  app.get(
    '/api/lines/:msisdn/usage',
    {
      preValidation,
      schema: {
        tags: ['lines'],
        summary: 'Itemized details for a period, paged, with totals',
        description:
          '`from`/`to` are local dates in the billing time zone, both inclusive (default: this month so far; ' +
          'at most 366 days). Items are newest first; pass `nextCursor` back as `cursor` for the next page ' +
          '(null on the last). `type=fee` lists money charged other than for usage. `totals` cover the whole ' +
          'period and type, not the page.',
        security,
        params: LineParams,
        querystring: UsageDetailsQuery,
        response: { 200: UsageDetails, ...problems },
      },
    },
    async (request): Promise<UsageDetails> => {
      const { db } = app.deps.database;
      const { query } = request;
      const period = resolveDetailsPeriod(query, new Date(), timeZone);
      const after = query.cursor ? decodeDetailsCursor(query.cursor) : undefined;
      const filter: DetailsFilter = {
        lineId: request.line.id,
        start: period.start,
        end: period.end,
        type: query.type,
      };
      const [page, totals, overview] = await Promise.all([
        listDetailsPage(db, filter, { after, limit: query.limit ?? 50 }),
        detailsTotals(db, filter),
        loadLineOverview(db, request.line.id),
      ]);
      if (!overview) throw new NotFoundError('The line');
      const last = page.items.at(-1);
      return {
        period: { from: period.from, to: period.to, timeZone: period.timeZone },
        type: query.type ?? null,
        currency: overview.currency,
        items: page.items,
        nextCursor: page.hasMore && last ? encodeDetailsCursor(keyOfItem(last)) : null,
        totals,
      };
    },
  );

  const exportData = (request: {
    line: { id: number; msisdn: string };
    query: { from?: string; to?: string; type?: DetailsFilter['type']; lang?: DetailsLang };
  }) => loadDetailsExport(app.deps.database.db, request.line, request.query, timeZone);

  const attachment = (fileName: string) => `attachment; filename="${fileName}"`;

  app.get(
    '/api/lines/:msisdn/usage.csv',
    {
      preValidation,
      schema: {
        tags: ['lines'],
        summary: 'Itemized details as CSV (all rows of the period)',
        description:
          'RFC 4180 with a header row and CRLF line ends, UTF-8 with a byte order mark (so Excel reads ' +
          'Cyrillic). Times in the billing time zone and in UTC; amounts as a decimal in major units with a ' +
          'dot (`amount`) and in minor units (`amount_minor`).',
        security,
        params: LineParams,
        querystring: UsageExportQuery,
        produces: ['text/csv'],
        response: { 200: Type.String({ description: 'text/csv; charset=utf-8' }), ...problems },
      },
    },
    async (request, reply) => {
      const data = await exportData(request);
      const csv = detailsCsv(data);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', attachment(`${data.fileName}.csv`))
        .header('cache-control', 'private, no-store')
        .send(csv);
    },
  );

  app.get(
    '/api/lines/:msisdn/usage.pdf',
    {
      preValidation,
      schema: {
        tags: ['lines'],
        summary: 'Itemized details as PDF (all rows of the period, with totals)',
        description:
          'Labels in `lang` (default: the account owner’s language); times in the billing time zone.',
        security,
        params: LineParams,
        querystring: UsageExportQuery,
        produces: ['application/pdf'],
        response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), ...problems },
      },
    },
    async (request, reply) => {
      const data = await exportData(request);
      const pdf = await detailsPdf(data);
      return reply
        .type('application/pdf')
        .header('content-disposition', attachment(`${data.fileName}.pdf`))
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );
}
